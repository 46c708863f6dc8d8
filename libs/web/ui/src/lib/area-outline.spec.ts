import { TestBed } from '@angular/core/testing';
import { MultiPolygon } from '@stadtdialog/shared/contract';
import { AreaOutline, OUTLINE_HEIGHT, OUTLINE_WIDTH, outlinePath } from './area-outline';

const square: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[[[10, 53.5], [10.01, 53.5], [10.01, 53.51], [10, 53.51], [10, 53.5]]]],
};

function points(path: string): [number, number][] {
  return Array.from(path.matchAll(/[ML]([\d.]+) ([\d.]+)/g), (m) => [Number(m[1]), Number(m[2])]);
}

describe('outlinePath', () => {
  it('fits the area into the box, north up, keeping its proportions on the ground', () => {
    const path = outlinePath(square) ?? '';
    const xy = points(path);
    expect(path.endsWith('Z')).toBe(true);
    for (const [x, y] of xy) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(OUTLINE_WIDTH);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(OUTLINE_HEIGHT);
    }
    // the first corner is the south-west one: bottom left
    expect(xy[0][1]).toBeGreaterThan(xy[3][1]);
    // 0.01° of longitude at 53.5° N is about 0.6 of 0.01° of latitude
    const width = xy[1][0] - xy[0][0];
    const height = xy[0][1] - xy[3][1];
    expect(width / height).toBeCloseTo(Math.cos((53.505 * Math.PI) / 180), 2);
  });

  it('has nothing to draw without an area', () => {
    expect(outlinePath(null)).toBeNull();
    expect(outlinePath({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});

describe('AreaOutline', () => {
  it('is a labelled picture of the area', async () => {
    const fixture = TestBed.createComponent(AreaOutline);
    fixture.componentRef.setInput('area', square);
    fixture.componentRef.setInput('label', 'Plangebiet von Test');
    await fixture.whenStable();
    const svg = (fixture.nativeElement as HTMLElement).querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('Plangebiet von Test');
    expect(svg?.querySelector('path')?.getAttribute('d')).toBe(outlinePath(square));
  });
});
