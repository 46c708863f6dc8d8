import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Place } from '@stadtdialog/shared/contract';
import { AddressSearch } from './address-search';

const PLACES: Place[] = [
  { label: 'Harkortstraße, Hamburg', lon: 9.9335, lat: 53.5597, bbox: null },
  { label: 'Harkortstieg, Hamburg', lon: 9.9312, lat: 53.5583, bbox: null },
];

describe('AddressSearch', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  async function render() {
    const fixture = TestBed.createComponent(AddressSearch);
    fixture.componentRef.setInput('slug', 'altona');
    const chosen: Place[] = [];
    fixture.componentInstance.placeChosen.subscribe((p) => chosen.push(p));
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const input = element.querySelector('input') as HTMLInputElement;
    const type = (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(300);
      fixture.detectChanges();
    };
    const press = (key: string) => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      fixture.detectChanges();
    };
    return { fixture, element, input, type, press, chosen };
  }

  it('is a combobox whose list the arrow keys walk and Enter takes, announcing the count', async () => {
    const { fixture, element, input, type, press, chosen } = await render();
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    type('Harkort');
    const request = http.expectOne('/api/v1/procedures/altona/places?q=Harkort&lang=de');
    request.flush({ places: PLACES });
    fixture.detectChanges();
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(element.querySelectorAll('[role="option"]')).toHaveLength(2);
    expect(element.querySelector('[role="status"]')?.textContent).toContain('2 Orte gefunden.');
    press('ArrowDown');
    press('ArrowDown');
    const active = input.getAttribute('aria-activedescendant') as string;
    expect(element.querySelector(`#${active}`)?.textContent?.trim()).toBe('Harkortstieg, Hamburg');
    expect(element.querySelector(`#${active}`)?.getAttribute('aria-selected')).toBe('true');
    press('Enter');
    expect(chosen).toEqual([PLACES[1]]);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.value).toBe('Harkortstieg, Hamburg');
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Die Karte zeigt Harkortstieg, Hamburg.');
  });

  it('asks nothing for one letter, says when nothing is found, and Escape closes the list', async () => {
    const { fixture, element, input, type, press } = await render();
    type('H');
    http.expectNone(() => true);
    type('Nirgendwo');
    http.expectOne((r) => r.url === '/api/v1/procedures/altona/places').flush({ places: [] });
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Kein passender Ort im Plangebiet.');
    type('Harkort');
    http.expectOne((r) => r.params.get('q') === 'Harkort').flush({ places: PLACES });
    fixture.detectChanges();
    press('Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    press('Escape');
    expect(input.value).toBe('');
  });
});
