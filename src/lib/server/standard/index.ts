// The recognition standard's server module. Other modules call these:
//   evaluateProject(tx, projectId, trigger)  after the form, the parcel or the documents change, and on submit
//   recognitionBlock(tx, projectId)          before `recognise`: a reason (zh/en) when a negative hit is not overridden
//   getProjectEvaluation(db, user, id)       the checklist for the project page, the 项目信息表 and the joint-review table
export {
  evaluateProject,
  recognitionBlock,
  ruleSetInForce,
  loadEvaluationInput,
  spatialFactsFrom
} from './evaluation.service.ts';
export {
  getProjectEvaluation,
  recordOverride,
  recordDeclaration,
  recordJudgement,
  type ProjectEvaluationView
} from './project-evaluation.service.ts';
export {
  listRuleSets,
  getRuleSet,
  getDraft,
  saveDraft,
  discardDraft,
  publishDraft,
  publicationReport,
  type PublicationReport
} from './rule-sets.service.ts';
export { searchCodes, codeTableInfo, loadOfficialCodes, parseCodeCsv } from './industry-codes.service.ts';
export { ensureStandardData } from './reference-data.ts';
