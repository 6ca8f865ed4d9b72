import * as z from "zod";
import { KnowledgeSchema, LevelSchema, ProvenanceSchema } from "./plan.js";

// The JSON contract of `plan-align audit --format json`: written out as docs/audit-report.schema.json, and
// tests check that real reports validate against it, so the two cannot drift apart.

/** A plan as alignments and reports name it. */
export const PlanReferenceSchema = z.object({ id: z.string(), title: z.string(), level: LevelSchema }).strict();
/** Kinds of item that are matched. */
export const ItemKindSchema = z.enum(["indicator", "task", "project", "section"]);
const ItemTargetSchema = z
  .object({
    text: z.string(),
    comparator: z.enum(["lt", "le", "eq", "ge", "gt"]).optional().describe("How the target bounds its value: lt (<), le (<=), eq (=), ge (>=), gt (>)."),
    value: z.number().optional(),
    high: z.number().optional(),
    unit: z.string().optional(),
    change: z.enum(["decrease", "increase"]).optional(),
    direction: z.enum(["lower-better", "higher-better"]).optional(),
    year: z.int().optional(),
    unread: z.enum(["no-number", "no-pattern"]).optional(),
  })
  .strict()
  .describe("An indicator's target as written (text) and what was read of it; the read fields are absent when nothing could be (unread says why).");
const ItemReferenceSchema = z
  .object({
    kind: ItemKindSchema, id: z.string(), label: z.string(), text: z.string(), quote: z.string(),
    provenance: ProvenanceSchema.optional(), target: ItemTargetSchema.optional(),
  })
  .strict()
  .describe("An item with what a person needs to check it: id, label, text, the exact source quote, and where it was read from when not the document itself.");
const ReviewMarkSchema = z
  .object({ decision: z.enum(["confirmed", "added", "rejected"]), note: z.string().optional(), reviewer: z.string().optional() })
  .strict();
const SignalSchema = z
  .object({ name: z.string(), value: z.number().min(0).max(1), weight: z.number().min(0), note: z.string().optional() })
  .strict();
const MatchSchema = z
  .object({
    kind: ItemKindSchema,
    reference: ItemReferenceSchema,
    subject: ItemReferenceSchema,
    score: z.number().min(0).max(1),
    signals: z.array(SignalSchema),
    rule: z.enum(["one-to-one", "threshold", "standout", "distinct-best", "clause", "review"]),
    review: ReviewMarkSchema.optional(),
  })
  .strict();
const ThresholdsSchema = z.object({ indicator: z.number(), task: z.number(), project: z.number(), section: z.number() }).strict();
const SelectionSchema = z
  .object({
    method: z.enum(["rank", "threshold"]), floor: z.number(), neighbours: z.number(), standout: z.number(), ratio: z.number(), margin: z.number(),
    candidateFloor: z.number(), candidateShare: z.number(), candidateCount: z.number(),
  })
  .strict();
const VersionSchema = z.string().describe("plan-align's version (package.json) that made this output.");
/** The options that change results, defaults filled in: on every JSON output beside the version. */
export const AlignSettingsSchema = z
  .object({
    kinds: z.array(ItemKindSchema),
    thresholds: ThresholdsSchema,
    selection: SelectionSchema,
    scorer: z.enum(["built-in", "custom"]),
    tokenizer: z.enum(["bigram", "segmenter", "unigram", "custom"]),
    weights: z.record(z.string(), z.number()).describe("Signal weights given in place of the defaults; empty for the defaults."),
    synonyms: z.enum(["built-in", "custom"]),
    topics: z.object({ texts: z.int().min(0), dimensions: z.int().min(0) }).strict().nullable().describe("The topic space of the topic signal: texts fitted on and dimensions; null for none."),
    meaning: z.string().nullable().describe("The model of meaning whose vectors the meaning signal compares; null for none."),
    review: z.object({ file: z.string().optional(), decisions: z.int().min(0) }).strict().nullable(),
  })
  .strict()
  .describe("The options that change results, defaults filled in.");
const CandidateSchema = z.object({ subject: ItemReferenceSchema, score: z.number().min(0).max(1) }).strict();
/** An alignment of two plans, as `alignPlans` returns it. */
export const AlignmentSchema = z
  .object({
    reference: PlanReferenceSchema,
    subject: PlanReferenceSchema,
    relation: z.enum(["ancestor", "peer", "descendant"]),
    matches: z.array(MatchSchema),
    unmatched: z.object({ reference: z.array(ItemReferenceSchema), subject: z.array(ItemReferenceSchema) }).strict(),
    candidates: z.array(
      z.object({ reference: ItemReferenceSchema, candidates: z.array(CandidateSchema.extend({ signals: z.array(SignalSchema) }).strict()) }).strict(),
    ),
    rejected: z.array(MatchSchema),
    thresholds: ThresholdsSchema,
    selection: SelectionSchema,
    version: VersionSchema,
    settings: AlignSettingsSchema,
  })
  .strict();
/** One level of a chain: aligned, or skipped with the reason. */
export const ChainStepSchema = z.union([
  z.object({ reference: PlanReferenceSchema, status: z.literal("aligned"), alignment: AlignmentSchema }).strict(),
  z.object({ reference: PlanReferenceSchema, status: z.literal("skipped"), reason: z.enum(["no-content"]) }).strict(),
]);
/** A plan aligned with each plan above it, as `alignChain` returns it. */
export const ChainAlignmentSchema = z
  .object({ subject: PlanReferenceSchema, steps: z.array(ChainStepSchema), version: VersionSchema, settings: AlignSettingsSchema })
  .strict();

export const FindingKindSchema = z.enum([
  "incomplete-document", "missing-indicator", "weaker-target", "equal-target", "stronger-target", "incomparable-target", "later-deadline",
  "nature-downgraded", "missing-task", "missing-project", "unconfirmed-task", "unconfirmed-project", "not-applicable", "unassigned", "omitted-in-source", "skipped-level", "extra-item",
  "part-not-known", "beyond-cut", "low-confidence-match",
]);
const SeveritySchema = z.enum(["error", "warning", "info"]);
const CoverageSchema = z
  .object({
    known: KnowledgeSchema.describe("How much of this part of the ancestor's plan is known: counts of a part not complete cover only what is known."),
    total: z.number(), carried: z.number(),
    lowConfidence: z.number().describe("Matches scoring below the confidence level (docs/matching.md): counted apart from carried."),
    weaker: z.number(), unconfirmed: z.number(), missing: z.number(),
    beyondCut: z.number().describe("Items with no counterpart in a cut-off copy: they may lie beyond the cut, so they are not counted missing."),
    notApplicable: z.number(),
  })
  .strict();

const FindingSchema = z
  .object({
    id: z.string().describe("Stable id from the plan audited, the kind, the plan above and both items: the same plans and settings give the same ids."),
    auditedPlan: PlanReferenceSchema.describe("The plan audited, the report's subject: on every finding, so that a table of many reports' findings keeps it."),
    kind: FindingKindSchema,
    severity: SeveritySchema,
    referencePlan: PlanReferenceSchema.nullable(),
    plan: PlanReferenceSchema,
    reference: ItemReferenceSchema.nullable(),
    subject: ItemReferenceSchema.nullable(),
    expected: z.string().optional(),
    actual: z.string().optional(),
    comparison: z
      .object({
        verdict: z.enum(["stronger", "equal", "weaker", "incomparable"]),
        reason: z.string().optional(),
        softenedBy: z.array(z.string()),
      })
      .strict()
      .optional(),
    score: z.number().min(0).max(1).nullable().describe("Score of the match the finding rests on; null when it rests on none."),
    items: z.array(ItemReferenceSchema).optional(),
    group: z.string().optional(),
    candidates: z.array(CandidateSchema).optional(),
    review: ReviewMarkSchema.optional(),
    unverified: z.literal(true).optional(),
    message: z.string(),
  })
  .strict();

/** An audit report as `auditPlan` returns it and `plan-align audit --format json` prints it. */
export const AuditReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    version: VersionSchema,
    settings: AlignSettingsSchema,
    subject: PlanReferenceSchema,
    lang: z.enum(["zh", "en"]),
    chain: z.array(ChainStepSchema),
    findings: z.array(FindingSchema),
    summary: z
      .object({
        bySeverity: z.object({ error: z.number(), warning: z.number(), info: z.number() }).strict(),
        byKind: z.partialRecord(FindingKindSchema, z.number()),
        byAncestor: z.array(
          z.object({ plan: PlanReferenceSchema, indicators: CoverageSchema, tasks: CoverageSchema, projects: CoverageSchema }).strict(),
        ),
      })
      .strict(),
  })
  .strict();
