// The Node.js API: everything of the browser-safe core, plus what reads files.

export * from "./index.js";
export { loadPlanFile, loadPlanDirectory, loadPlanCorpus, readPlanSource, resolvePlan, openPlan, getBundledDataDir } from "./load/files.js";
export type { ResolvedPlan, OpenedPlan, ResolveOptions, CorpusOptions, DocumentMeta } from "./load/files.js";
export { loadPlanBatch } from "./load/plan-batch.js";
export type { PlanBatch, PlanBatchOptions } from "./load/plan-batch.js";
export { loadManifest } from "./load/manifest.js";
export type { ManifestEntry } from "./load/manifest.js";
export { validatePlan } from "./load/validate.js";
export { readDocument, readDocumentFile } from "./read/read-document-file.js";
export type { ReadOptions } from "./read/read-document.js";
export { defaultReadLimits } from "./read/limits.js";
export type { DocumentFormat, DocumentRead, ReadLimits } from "./read/types.js";
export type { PlanValidation } from "./load/validate.js";
export { loadSynonymFile } from "./synonyms/load-synonym-file.js";
export { loadReviewFile } from "./load/review-file.js";
export { auditEachInParallel, createAuditPool } from "./corpus/audit-in-parallel.js";
export type { AuditPool, ParallelAuditOptions } from "./corpus/audit-in-parallel.js";
export type { AuditedPlan } from "./corpus/audit-all.js";
export { embedPlans, embedTexts } from "./embeddings/embed.js";
export type { EmbeddingEndpointOptions } from "./embeddings/embed.js";
export { EmbeddingsError } from "./embeddings/errors.js";
export type { EmbeddingFailure } from "./embeddings/errors.js";
