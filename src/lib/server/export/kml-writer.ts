// KML 2.2 (OGC 07-147r2) for recognised parcels: one Placemark per parcel, attributes as ExtendedData.
// KML is WGS84 lon,lat by definition; CGCS2000 coordinates are used as they are (the two frames agree to
// well under a metre in Shanghai, DESIGN.md "crs").
import type { MultiPolygon } from 'geojson';

const esc = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const coords = (ring: number[][]) => ring.map(([x, y]) => `${x.toFixed(8)},${y.toFixed(8)}`).join(' ');

export interface KmlPlacemark {
  name: string;
  description?: string;
  geometry: MultiPolygon;
  data: Record<string, string | number | null>;
}

export function kmlDocument(name: string, placemarks: KmlPlacemark[]): string {
  const body = placemarks.map((p) => {
    const polys = p.geometry.coordinates.map(
      (poly) =>
        `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(poly[0])}</coordinates></LinearRing></outerBoundaryIs>${poly
          .slice(1)
          .map(
            (h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`
          )
          .join('')}</Polygon>`
    );
    const data = Object.entries(p.data)
      .map(([k, v]) => `<Data name="${esc(k)}"><value>${esc(v === null ? '' : String(v))}</value></Data>`)
      .join('');
    return `<Placemark><name>${esc(p.name)}</name>${p.description ? `<description>${esc(p.description)}</description>` : ''}<styleUrl>#parcel</styleUrl><ExtendedData>${data}</ExtendedData>${
      polys.length === 1 ? polys[0] : `<MultiGeometry>${polys.join('')}</MultiGeometry>`
    }</Placemark>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${esc(name)}</name>
<Style id="parcel"><LineStyle><color>ff1c1cb9</color><width>2</width></LineStyle><PolyStyle><color>4d2626dc</color></PolyStyle></Style>
${body.join('\n')}
</Document></kml>
`;
}
