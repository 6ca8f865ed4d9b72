// What the command line runs, loaded only when a command runs (main.ts imports this lazily): printing help
// or refusing an argument does not load the library, the bundled plans or the division table.
export { stringify as stringifyYaml } from "yaml";
export { alignChain } from "../align/align-chain.js";
export { alignPlans } from "../align/align-plans.js";
export { fitTopics } from "../align/fit-topics.js";
export { auditEachInParallel } from "../corpus/audit-in-parallel.js";
export { buildComplianceMatrix } from "../corpus/compliance-matrix.js";
export { renderMatrix } from "../report/render-matrix.js";
export { renderItemTable } from "../report/item-table.js";
export { version } from "../model/version.js";
export { renderBatchReadingLines, renderBatchSummary } from "../report/render-batch.js";
export { loadPlanBatch } from "../load/plan-batch.js";
export { bundledPlanIds, getAncestorPlans, getBundledPlan, listBundledPlans } from "../load/bundled.js";
export { readDocumentFile } from "../read/read-document-file.js";
export { idFromFileName, resolvePlan } from "../load/files.js";
export { extractPlan } from "../extract/extract-plan.js";
export { loadReviewFile } from "../load/review-file.js";
export { auditPlan } from "../corpus/with-bundled-plans.js";
export { renderAudit, renderFindingsCsv } from "../report/render-audit.js";
export { validatePlan } from "../load/validate.js";
export { renderAlignment, renderChain } from "../report/render-alignment.js";
export { loadSynonymFile } from "../synonyms/load-synonym-file.js";
export { createSynonymTable, defaultSynonymGroups } from "../synonyms/synonyms.js";
export { readPlansFromStandardInput, readReviewFromStandardInput, readStandardInputDocument, readSynonymsFromStandardInput, standardInputName, validateStandardInput } from "./standard-input.js";
export { embedPlans } from "../embeddings/embed.js";
