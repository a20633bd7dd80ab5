// What the map's search box reads as a place (issue 14.3).
import { describe, expect, it } from 'vitest';
import { parseCoordinateQuery } from '../../../src/lib/domain/coordinate-query.ts';

describe('coordinates typed in the map search', () => {
  it('longitude and latitude in either order, with a comma, a Chinese comma or a space', () => {
    expect(parseCoordinateQuery('121.48, 31.23')).toEqual({ kind: 'lonlat', lon: 121.48, lat: 31.23 });
    expect(parseCoordinateQuery('31.23，121.48')).toEqual({ kind: 'lonlat', lon: 121.48, lat: 31.23 });
    expect(parseCoordinateQuery('(121.48 31.23)')).toEqual({ kind: 'lonlat', lon: 121.48, lat: 31.23 });
  });

  it('degrees, minutes and seconds, with or without hemisphere letters', () => {
    const q = parseCoordinateQuery('31°13′48″N 121°28′48″E');
    expect(q?.kind).toBe('lonlat');
    expect((q as { lon: number }).lon).toBeCloseTo(121.48, 6);
    expect((q as { lat: number }).lat).toBeCloseTo(31.23, 6);
    expect(parseCoordinateQuery('东经121度28分48秒 北纬31度13分48秒')).toMatchObject({ kind: 'lonlat' });
  });

  it('large numbers are survey plane coordinates; anything else is not a place', () => {
    expect(parseCoordinateQuery('3456789.12, 40512345.6')).toEqual({ kind: 'plane', a: 3456789.12, b: 40512345.6 });
    expect(parseCoordinateQuery('ZL-2026-0001')).toBeNull();
    expect(parseCoordinateQuery('上海示意精密机械')).toBeNull();
    expect(parseCoordinateQuery('12, 34')).toBeNull();
  });
});
