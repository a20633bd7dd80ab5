// 示意数据: outputs built from the schematic sample layers say so (README "Sample data"). One notice text,
// and which current layers are samples, for the PDF sheet, the statistics workbook and the GIS exports.
import type { Queryable } from '../db/index.ts';
import { sampleLayerKinds } from './layers.repository.ts';

export const SAMPLE_NOTICE = { zh: '示意数据，非官方数据', en: 'schematic sample data, not official data' } as const;

/** Kinds whose current version is a sample (empty once every layer is official). */
export async function currentSampleKinds(db: Queryable): Promise<string[]> {
  return sampleLayerKinds(db);
}

/** One sentence naming the sample layers an output was built from, or null when none was a sample. */
export function sampleNoticeZh(kindNames: string[]): string | null {
  return kindNames.length ? `空间类型、所在区等依据的图层（${kindNames.join('、')}）为${SAMPLE_NOTICE.zh}。` : null;
}
