// The land area typed on the form (from the land title) against the area measured from the boundary file.
// A large gap usually means the wrong file, the wrong parcel, or a CRS/units mistake; the per-亩 figures of
// the recognition standard are computed from the form's area, so reviewers must see the gap.

/** Surveyed boundaries and title areas agree within a few percent; beyond this the gap is worth a look. */
export const LAND_AREA_TOLERANCE = 0.05;

export interface LandAreaGap {
  formM2: number;
  measuredM2: number;
  ratio: number;
  zh: string;
  en: string;
}

export function landAreaGap(formM2: unknown, measuredM2: number | null | undefined): LandAreaGap | null {
  if (typeof formM2 !== 'number' || !(formM2 > 0) || !measuredM2 || !(measuredM2 > 0)) return null;
  const ratio = measuredM2 / formM2;
  if (Math.abs(ratio - 1) <= LAND_AREA_TOLERANCE) return null;
  const pct = Math.round(Math.abs(ratio - 1) * 100);
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  return {
    formM2,
    measuredM2,
    ratio,
    zh: `申请表填报用地面积 ${f(formM2)} m²，边界文件量算面积 ${f(measuredM2)} m²，相差 ${pct}%：请核对边界文件或权证面积（亩均指标按申请表面积计算）。`,
    en: `The form states ${f(formM2)} m² of land but the boundary file measures ${f(measuredM2)} m² (${pct}% apart): check the boundary file or the title area (per-mu figures use the form's area).`
  };
}
