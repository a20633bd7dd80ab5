// Builders of the standard's test inputs: a criterion from its check, an evaluation input, a parcel's spatial facts.
import {
  criterionSchema,
  type CriterionInput,
  type EvaluationInput,
  type SpatialFacts
} from '../../../src/lib/domain/standard/index.ts';

export const crit = (c: Partial<CriterionInput> & { check: CriterionInput['check'] }) =>
  criterionSchema.parse({ id: 'X1', list: 'positive', title: { zh: '测试', en: 'Test' }, ...c });
export const input = (over: Partial<EvaluationInput> = {}): EvaluationInput => ({
  form: {},
  classification: null,
  declarations: {},
  judgements: {},
  ...over
});
export const parcel = (over: Partial<SpatialFacts> = {}): SpatialFacts => ({
  landType: 'reserve',
  areaM2: 10_000,
  zones: [],
  conflicts: [],
  layerKinds: [],
  ...over
});
