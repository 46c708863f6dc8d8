import { TestBed } from '@angular/core/testing';
import { BarChart } from './bar-chart';

describe('BarChart', () => {
  function render(series: string[], rows: { label: string; values: number[] }[]) {
    const fixture = TestBed.createComponent(BarChart);
    fixture.componentRef.setInput('heading', 'Beiträge nach Kategorie');
    fixture.componentRef.setInput('summary', 'Am häufigsten: Grün mit 3 von 4.');
    fixture.componentRef.setInput('caption', 'Beiträge nach Kategorie als Tabelle');
    fixture.componentRef.setInput('labelHeader', 'Wert');
    fixture.componentRef.setInput('series', series);
    fixture.componentRef.setInput('rows', rows);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws one bar per value with the value written beside it, and the same data as a table', () => {
    const element = render(['Anzahl'], [{ label: 'Grün', values: [3] }, { label: 'Verkehr', values: [1] }]);
    const svg = element.querySelector('svg[role="img"]');
    if (!svg) throw new Error('no chart drawn');
    const labelledBy = (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => element.querySelector(`#${id}`)?.textContent);
    expect(labelledBy).toEqual(['Beiträge nach Kategorie', 'Am häufigsten: Grün mit 3 von 4.']);
    const widths = [...svg.querySelectorAll('rect[height]')].map((r) => Number(r.getAttribute('width'))).filter((w) => w !== 6);
    expect(widths[0]).toBeCloseTo(widths[1] * 3);
    expect([...svg.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['3', '1']);
    expect(element.querySelector('caption')?.textContent).toBe('Beiträge nach Kategorie als Tabelle');
    expect([...element.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([['Wert', 'col'], ['Anzahl', 'col']]);
    expect([...element.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => [cell.tagName, cell.textContent]))).toEqual([
      [['TH', 'Grün'], ['TD', '3']],
      [['TH', 'Verkehr'], ['TD', '1']],
    ]);
  });

  it('tells two series apart by pattern and by the table columns, and draws nothing for no data', () => {
    const element = render(['Beiträge', 'Kommentare'], [{ label: '1. Dez.', values: [2, 5] }]);
    const fills = [...element.querySelectorAll('svg > rect')].map((r) => r.getAttribute('fill'));
    expect(fills[0]).toBe('#0b3d6b');
    expect(fills[1]).toMatch(/^url\(#sd-chart-\d+-hatch\)$/);
    expect([...element.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Wert', 'Beiträge', 'Kommentare']);
    expect(render(['Anzahl'], []).querySelector('svg')).toBeNull();
  });
});
