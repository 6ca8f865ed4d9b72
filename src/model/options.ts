import * as z from "zod";
import { ItemKindSchema } from "./audit-report.js";
import { LevelSchema, PlanKindSchema, PlanSchema } from "./plan.js";
import { ReviewSchema } from "./review.js";

// The options of the public functions, so that every entry checks what it is given before using it.
// The TypeScript interfaces (AlignOptions, AuditOptions, …) document each field and its default.

/** A path to a file or folder. */
export const FilePathSchema = z.string().min(1);

/** Report languages: Chinese (the default) and English. */
export const ReportLanguageSchema = z.enum(["zh", "en"]);

/**
 * Formats of alignments and chains: the four report formats, `text`, plain text for the terminal, and
 * `items-json`, the item table that `csv` writes, as JSON.
 */
export const ReportFormatSchema = z.enum(["json", "md", "csv", "html", "text", "items-json"]);

/** Formats of the item table: CSV, or JSON with the version and settings. */
export const ItemTableFormatSchema = z.enum(["csv", "json"]);

/** Formats of audit reports: the four report formats, and `text`, a short summary for the terminal. */
export const AuditFormatSchema = z.enum(["json", "md", "csv", "html", "text"]);

/** Formats of the compliance matrix. */
export const MatrixFormatSchema = z.enum(["csv", "html"]);

/** What the compliance matrix's HTML page is told beside the audits; see `MatrixPageOptions`. */
export const MatrixPageOptionsSchema = z
  .object({
    plans: z.array(PlanSchema),
    date: z.iso.date(),
    options: z.array(z.tuple([z.string().min(1), z.string()])),
  })
  .partial()
  .strict();

// zod refuses NaN and the infinities for numbers, so a score is always a finite number in [0, 1].
const Score = z.number().min(0).max(1);

const isFunction = (value: unknown) => typeof value === "function";

export const AlignThresholdsSchema = z.object({ indicator: Score, task: Score, project: Score, section: Score }).strict();

export const SelectionOptionsSchema = z
  .object({
    method: z.enum(["rank", "threshold"]),
    floor: Score,
    neighbours: z.int().min(1),
    standout: z.number(),
    ratio: z.number().positive(),
    margin: Score,
    candidateFloor: Score,
    candidateShare: Score,
    candidateCount: z.int().min(0),
  })
  .strict();

const Weight = z.number().min(0);

const SignalWeightsSchema = z
  .object({ label: Weight, tokens: Weight, body: Weight, content: Weight, terms: Weight, measure: Weight, context: Weight, topic: Weight, meaning: Weight })
  .partial()
  .strict();

/** Vectors of item texts from a model of meaning (`TextEmbeddings`): a model's name, and a Map of vectors of one length. */
export const TextEmbeddingsSchema = z
  .object({
    model: z.string().min(1),
    vectors: z.custom((value) => value instanceof Map && haveOneLength(value), "expected a Map from item texts to Float32Array vectors of one length"),
  })
  .strict();

function haveOneLength(vectors: ReadonlyMap<unknown, unknown>): boolean {
  let length: number | undefined;
  for (const [text, vector] of vectors) {
    if (typeof text !== "string" || !(vector instanceof Float32Array)) return false;
    length ??= vector.length;
    if (vector.length !== length) return false;
  }
  return true;
}

export const ScorerOptionsSchema = z
  .object({
    tokenizer: z.union([z.enum(["bigram", "segmenter", "unigram"]), z.custom(isFunction, "expected a tokenizer name or a function")]),
    synonyms: z.custom(
      (value) => typeof value === "object" && value !== null && (value as { forms?: unknown }).forms instanceof Map,
      "expected a synonym table made by createSynonymTable",
    ),
    weights: SignalWeightsSchema,
    topics: z.custom(
      (value) => typeof value === "object" && value !== null && (value as { projection?: unknown }).projection instanceof Float32Array,
      "expected a topic model made by fitTopics",
    ),
    embeddings: TextEmbeddingsSchema,
  })
  .partial()
  .strict();

const ScorerSchema = z.custom(
  (value) => typeof value === "object" && value !== null && isFunction((value as { score?: unknown }).score),
  "expected a scorer: an object with a score(reference, subject) method",
);

export const AlignOptionsSchema = z
  .object({
    kinds: z.array(ItemKindSchema),
    thresholds: AlignThresholdsSchema.partial(),
    selection: SelectionOptionsSchema.partial(),
    scorer: ScorerSchema,
    scorerOptions: ScorerOptionsSchema,
    review: ReviewSchema,
  })
  .partial()
  .strict();

export const AuditOptionsSchema = z
  .object({ ancestors: z.array(PlanSchema), align: AlignOptionsSchema, lang: ReportLanguageSchema })
  .partial()
  .strict();

export const AuditAllOptionsSchema = z
  .object({ align: AlignOptionsSchema, lang: ReportLanguageSchema, onProgress: z.custom(isFunction, "expected a function") })
  .partial()
  .strict();

export const RenderOptionsSchema = z.object({ lang: ReportLanguageSchema }).partial().strict();

/** The built-in tokenizers by name. */
export const TokenizerNameSchema = z.enum(["bigram", "segmenter", "unigram"]);

/** `createScorer`'s options: the scorer options of alignment, and the items whose token frequencies weigh. */
export const CreateScorerOptionsSchema = ScorerOptionsSchema.extend({
  corpus: z.array(z.custom((value) => typeof value === "object" && value !== null && typeof (value as { label?: unknown }).label === "string", "expected an item with a label")),
}).partial();

/** `parseTarget`'s options. */
export const ParseTargetOptionsSchema = z.object({ year: z.int().optional() }).strict();

/** `compareTargets`'s options. */
export const CompareTargetsOptionsSchema = z
  .object({
    direction: z.enum(["lower-better", "higher-better"]).optional(),
    referenceBaseline: z.string().optional(),
    subjectBaseline: z.string().optional(),
    sameJurisdiction: z.boolean().optional(),
  })
  .strict();

/** A target as `parseTarget` reads it, or none. */
export const TargetArgumentSchema = z.custom(
  (value) => value === undefined || (typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string"),
  "expected a target read by parseTarget, or undefined",
);

/** `extractPlan`'s description of a document: what the caller knows of it. */
export const ExtractMetaSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    issuer: z.string().nullable(),
    documentNumber: z.string().nullable(),
    issueDate: z.string().nullable(),
    publishDate: z.string(),
    kind: PlanKindSchema.nullable(),
    period: z.object({ start: z.int(), end: z.int() }).strict().nullable(),
    jurisdiction: z.object({ name: z.string().min(1), level: LevelSchema, parent: z.string().nullable() }).partial().strict(),
    sourceFile: z.string().min(1),
  })
  .partial()
  .strict();

/** What is known of a document that extraction cannot read from it: its id, title and jurisdiction. */
export const DocumentMetaSchema = ExtractMetaSchema.pick({ id: true, title: true, jurisdiction: true });

export const ResolveOptionsSchema = z.object({ verifyQuotes: z.boolean(), meta: DocumentMetaSchema }).partial().strict();

/** `loadPlanCorpus`'s options: a corpus holds plans, so there is no document to describe. */
export const CorpusOptionsSchema = ResolveOptionsSchema.pick({ verifyQuotes: true });

/** `loadPlanBatch`'s options. */
export const PlanBatchOptionsSchema = z
  .object({
    verifyQuotes: z.boolean(),
    manifest: FilePathSchema,
    meta: DocumentMetaSchema,
    readStandardInput: z.custom(isFunction, "expected a function"),
    onProgress: z.custom(isFunction, "expected a function"),
  })
  .partial()
  .strict();
