// `plan-align/core`: the browser-safe API without the bundled plans, so that a program bundling it does not
// carry them. Its audits take the plans above from the caller. `plan-align` is this and the bundled plans.

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
  KnowledgeSchema,
  KnownPartsSchema,
  ProvenanceSchema,
  knownParts,
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
  Knowledge,
  KnownParts,
  Provenance,
} from "./model/plan.js";
export { HierarchySchema, JurisdictionEntrySchema } from "./model/hierarchy.js";
export type { Hierarchy, JurisdictionEntry } from "./model/hierarchy.js";
export { getJsonSchemas } from "./model/json-schema.js";
export { getSectionPath } from "./model/sections.js";

export { InputError } from "./model/input-error.js";
export { PlanLoadError } from "./load/errors.js";
export type { PlanIssue } from "./load/errors.js";
export { parsePlan, findMissingQuotes } from "./load/parse-plan.js";
export { getHierarchy } from "./load/ancestors.js";

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
export type { TopicModel, TopicModelOptions } from "./similarity/topics.js";
export { fitTopics } from "./align/fit-topics.js";
export type { ItemKind, MatchableItem, Scorer, SignalScore, Similarity } from "./similarity/types.js";
export type { TextEmbeddings } from "./similarity/embeddings.js";

export { alignPlans, listCandidates, defaultAlignThresholds, defaultSelection } from "./align/align-plans.js";
export { alignChain } from "./align/align-chain.js";
export { itemTextsOf } from "./align/item-texts.js";
export type { AlignSettings } from "./align/settings.js";
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
export { renderItemTable } from "./report/item-table.js";
export type { ItemTableFormat } from "./report/item-table.js";
export { version } from "./model/version.js";
export type { ReportLanguage } from "./report/labels.js";

export { parseTarget } from "./targets/parse-target.js";
export type { Comparator, Measure, ParseTargetOptions, Target, TargetReading, UnreadTarget } from "./targets/parse-target.js";
export { inferDirection } from "./targets/direction.js";
export type { Direction } from "./targets/direction.js";
export type { ComparatorName, ItemTarget } from "./targets/item-target.js";
export { compareTargets } from "./targets/compare-targets.js";
export type { CompareTargetsOptions, IncomparableReason, TargetComparison, Verdict } from "./targets/compare-targets.js";

export { findingKinds } from "./findings/types.js";
export type { AncestorCoverage, AuditOptions, AuditReport, Coverage, Finding, FindingKind, Severity } from "./findings/types.js";
export { AuditReportSchema } from "./model/audit-report.js";
export { ReviewDecisionSchema, ReviewFileSchema } from "./model/review.js";
export type { Review, ReviewDecision } from "./model/review.js";
export type { ReviewMark } from "./align/types.js";

export { auditPlan, auditMany, auditAll, auditEach } from "./corpus/with-given-plans.js";
export type { AuditAllOptions, AuditAllResult } from "./corpus/audit-all.js";
export { buildComplianceMatrix } from "./corpus/compliance-matrix.js";
export type { ComplianceMatrix, MatrixCell, MatrixRow, MatrixVerdict } from "./corpus/compliance-matrix.js";
export { renderMatrix } from "./report/render-matrix.js";
export type { MatrixFormat, MatrixPageOptions } from "./report/render-matrix.js";
export { renderBatchSummary } from "./report/render-batch.js";
export type { BatchReading, SkippedInput, UnreadableInput } from "./model/batch-reading.js";
export { renderAudit } from "./report/render-audit.js";
export type { AuditFormat } from "./report/render-audit.js";
export { diffWords } from "./report/word-diff.js";
export type { DiffPart } from "./report/word-diff.js";

export { extractPlan } from "./extract/extract-plan.js";
export type { ExtractMeta, Extraction } from "./extract/extract-plan.js";
export { toDocumentText } from "./extract/document-text.js";
