// 新建 / 改建 / 扩建 (沪经信规范〔2020〕9号 一.4). Reserve areas: "可按规划新建、改建、扩建" (一.4(1)); inside the
// development boundary and retained, or outside and retained: "按规划进行改扩建" (一.4(2), 一.4(3)); inside the
// boundary but NOT retained in the plan (the commitment path): "可由区政府统筹按产业需求实施改建" — rebuild only.
import type { PathInfo } from '../paths.ts';
import type { Refusal } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';

export const CONSTRUCTION_TYPES = ['new_build', 'rebuild', 'extend'] as const;
export type ConstructionType = (typeof CONSTRUCTION_TYPES)[number];
export const CONSTRUCTION_TYPE_LABELS: Record<ConstructionType, { zh: string; en: string }> = {
  new_build: { zh: '新建', en: 'New build' },
  rebuild: { zh: '改建', en: 'Rebuild' },
  extend: { zh: '扩建', en: 'Extension' }
};

/** The construction types this path allows (all three unless on the commitment path). */
export function allowedConstructionTypes(path: Pick<PathInfo, 'commitmentRequired'>): ConstructionType[] {
  return path.commitmentRequired ? ['rebuild'] : [...CONSTRUCTION_TYPES];
}

export function checkConstructionType(
  type: string | null | undefined,
  path: Pick<PathInfo, 'commitmentRequired'>
): Refusal | null {
  if (!type || !(CONSTRUCTION_TYPES as readonly string[]).includes(type)) return null; // missing: the form check says so
  if (allowedConstructionTypes(path).includes(type as ConstructionType)) return null;
  const t = CONSTRUCTION_TYPE_LABELS[type as ConstructionType];
  return ruleRefusal(
    409,
    'construction_type_not_allowed',
    '一.4(2)',
    `地块位于城市开发边界内且未在规划中保留，只能“改建”（由区政府统筹按产业需求实施改建），不能“${t.zh}”；请将建设类型改为“改建”`,
    `The parcel is inside the development boundary and not retained in the plan: only a rebuild (改建) is allowed, not "${t.en}"; change the construction type to rebuild`
  );
}
