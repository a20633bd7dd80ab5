// The recognition standard (positive/negative list) as data: model, figures, checks, evaluation, diff.
export * from './model.ts';
export * from './metrics.ts';
export * from './industry.ts';
export * from './checks.ts';
export * from './evaluate.ts';
export * from './permissions.ts';
