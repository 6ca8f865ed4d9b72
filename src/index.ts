// The browser-safe public API: this list is the whole of it. File access is in `plan-align/node`.

export {
  PlanSchema,
  SectionSchema,
  IndicatorSchema,
  TaskSchema,
  ProjectSchema,
  OmissionSchema,
  UnitsSchema,
  JurisdictionSchema,
  SourceSchema,
  LevelSchema,
  PlanKindSchema,
  IndicatorNatureSchema,
  ContentSchema,
} from "./model/plan.js";
export type {
  Plan,
  Section,
  Indicator,
  Task,
  Project,
  Omission,
  Units,
  Jurisdiction,
  Source,
  Level,
  PlanKind,
  IndicatorNature,
  Content,
} from "./model/plan.js";
export { HierarchySchema, JurisdictionEntrySchema } from "./model/hierarchy.js";
export type { Hierarchy, JurisdictionEntry } from "./model/hierarchy.js";
export { getJsonSchemas } from "./model/json-schema.js";
export { getSectionPath } from "./model/sections.js";

export { InputError } from "./model/input-error.js";
export { PlanLoadError } from "./load/errors.js";
export type { PlanIssue } from "./load/errors.js";
export { parsePlan, findMissingQuotes } from "./load/parse-plan.js";
export {
  bundledPlanIds,
  getBundledPlan,
  isBundledPlanId,
  getHierarchy,
  getAncestorPlans,
  summarizePlan,
  listBundledPlans,
} from "./load/bundled.js";
export type { PlanSummary } from "./load/bundled.js";

export { normalizeText } from "./text/normalize.js";
export { neutralizeJurisdiction } from "./text/jurisdiction.js";
export { convertNumerals } from "./text/numerals.js";
export { getTokenizer } from "./text/tokenize.js";
export type { Tokenizer, TokenizerName } from "./text/tokenize.js";

export {
  SynonymGroupSchema,
  SynonymTableFileSchema,
  createSynonymTable,
  defaultSynonymGroups,
  defaultSynonyms,
  canonicalize,
  toComparableText,
} from "./synonyms/synonyms.js";
export type { SynonymGroup, SynonymTable } from "./synonyms/synonyms.js";

export { createScorer, defaultSignalWeights, defaultWorkItemWeights } from "./similarity/scorer.js";
export type { ScorerOptions, SignalWeights } from "./similarity/scorer.js";
export type { ItemKind, MatchableItem, Scorer, SignalScore, Similarity } from "./similarity/types.js";

export { alignPlans, listCandidates, defaultAlignThresholds, defaultSelection } from "./align/align-plans.js";
export { alignChain } from "./align/align-chain.js";
export type { ChainAlignment, ChainStep, SkipReason } from "./align/align-chain.js";
export type {
  Alignment,
  AlignOptions,
  AlignThresholds,
  Candidate,
  CandidateList,
  ItemReference,
  Match,
  MatchRule,
  PlanReference,
  Relation,
  SelectionOptions,
} from "./align/types.js";

export { renderAlignment, renderChain } from "./report/render-alignment.js";
export type { RenderOptions, ReportFormat } from "./report/render-alignment.js";
export type { ReportLanguage } from "./report/labels.js";

export { parseTarget } from "./targets/parse-target.js";
export type { Comparator, Measure, ParseTargetOptions, Target, TargetReading, UnreadTarget } from "./targets/parse-target.js";
export { inferDirection } from "./targets/direction.js";
export type { Direction } from "./targets/direction.js";
export { compareTargets } from "./targets/compare-targets.js";
export type { CompareTargetsOptions, IncomparableReason, TargetComparison, Verdict } from "./targets/compare-targets.js";

export { auditPlan, auditMany } from "./findings/audit-plan.js";
export { findingKinds } from "./findings/types.js";
export type { AncestorCoverage, AuditOptions, AuditReport, Coverage, Finding, FindingKind, Severity } from "./findings/types.js";
export { AuditReportSchema } from "./model/audit-report.js";
export { ReviewDecisionSchema, ReviewFileSchema } from "./model/review.js";
export type { Review, ReviewDecision } from "./model/review.js";
export type { ReviewMark } from "./align/types.js";

export { auditAll, auditEach } from "./corpus/audit-all.js";
export type { AuditAllOptions, AuditAllResult } from "./corpus/audit-all.js";
export { buildComplianceMatrix } from "./corpus/compliance-matrix.js";
export type { ComplianceMatrix, MatrixCell, MatrixRow, MatrixVerdict } from "./corpus/compliance-matrix.js";
export { renderMatrix } from "./report/render-matrix.js";
export type { MatrixFormat } from "./report/render-matrix.js";
export { renderAudit } from "./report/render-audit.js";
export type { AuditFormat } from "./report/render-audit.js";
export { diffWords } from "./report/word-diff.js";
export type { DiffPart } from "./report/word-diff.js";

export { extractPlan } from "./extract/extract-plan.js";
export type { ExtractMeta, Extraction } from "./extract/extract-plan.js";
export { toDocumentText } from "./extract/document-text.js";
