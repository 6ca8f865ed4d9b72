import * as z from "zod";
import { roleOfTitle, type SectionRole } from "./section-roles.js";

// The normalized plan: what plan-align reads, whatever document it came from.
// Every item quotes the exact source span it was taken from, so each claim can be checked.

/** Plan ids and item ids: lowercase ASCII slugs, so they work as file names and in URLs. */
const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*$/u, "a lowercase slug such as `daixian` or `task-3.2`");

/** A plan's id, for inputs that name one outside a plan (a manifest's `id` column). */
export const PlanIdSchema = Slug;

/**
 * Text as documents have it: line breaks and tabs, but no other control character (a NUL, an escape
 * sequence, a C1 code), which no document means to show and which would reach every report.
 */
const PlainText = z
  .string()
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/u, "contains a control character; text may hold line breaks and tabs, no other");

const IsoDate = z.iso.date().describe("A calendar date, YYYY-MM-DD.");

const Year = z.int().min(1949).max(2100);

/** The exact text span of the source that an item or section was taken from. */
const Quote = PlainText.min(1)
  .describe("The exact text span of the plan's source that this was taken from, character for character.");

/**
 * Schema of where an item or section was read from, when that is not the document itself; see {@link Provenance}.
 */
export const ProvenanceSchema = z
  .object({
    address: z.url().optional().describe("The address of the public copy the quote comes from (a news copy, a reprint)."),
    date: IsoDate.optional().describe("The date the copy gives for itself, where it gives one."),
    note: z
      .object({ zh: PlainText.min(1), en: PlainText.min(1) })
      .strict()
      .optional()
      .describe("What a reader should know of the value's origin, in Chinese and in English; reports show it as a note in their language, never as a quote."),
  })
  .strict()
  .refine((provenance) => Object.keys(provenance).length > 0, "names an address, a date or a note")
  .describe("Where the item was read from when not the document itself, and what a reader should know of it.");
/**
 * Where an item or section was read from when not the document itself: the public copy's `address` and
 * `date`, and a `note` in Chinese and English (e.g. that a value is corroborated only by a press release).
 */
export interface Provenance extends z.infer<typeof ProvenanceSchema> {}

/** Levels of government, top down. */
export const LevelSchema = z
  .enum(["national", "province", "city", "county"])
  .describe("Level of government: national, province (省), city (市), county (县).");
/**
 * A level of government, top down: `national`, `province` (省), `city` (市), `county` (县).
 *
 * @useDeclaredType
 */
export type Level = z.infer<typeof LevelSchema>;

/** How far down a level is: national 0, province 1, city 2, county 3. */
export const levelDepth: Readonly<Record<Level, number>> = { national: 0, province: 1, city: 2, county: 3 };

/**
 * Schema of a plan's jurisdiction: its name, level and the jurisdiction directly above.
 */
export const JurisdictionSchema = z
  .object({
    name: PlainText.min(1).describe("Name as written in Chinese, e.g. 代县; 全国 for the nation."),
    level: LevelSchema,
    parent: PlainText.min(1)
      .nullable()
      .describe("Name of the jurisdiction directly above, e.g. 忻州市 for 代县; null for 全国."),
  })
  .strict();
/**
 * Where a plan applies: the jurisdiction's Chinese name (全国 for the nation), its level, and
 * the name of the jurisdiction directly above (`null` for 全国).
 */
// The object types are interfaces rather than aliases, so that the API reference links to them where they
// are used instead of spelling out their shape.
export interface Jurisdiction extends z.infer<typeof JurisdictionSchema> {}

/**
 * Schema of a plan's kind; see {@link PlanKind}.
 */
export const PlanKindSchema = z
  .enum(["five-year-plan", "implementation-plan", "annual-work-points"])
  .describe("five-year-plan (规划), implementation-plan (实施方案), annual-work-points (工作要点).");
/**
 * What kind of document a plan is: `five-year-plan` (规划), `implementation-plan` (实施方案) or
 * `annual-work-points` (工作要点).
 *
 * @useDeclaredType
 */
export type PlanKind = z.infer<typeof PlanKindSchema>;

/**
 * Schema of a plan's source: the text file its quotes come from, and whether it is the document itself.
 */
export const SourceSchema = z
  .object({
    file: PlainText.min(1)
      .describe("Source text file, relative to the bundled data/sources/ folder or to the plan file."),
    type: z
      .enum(["primary", "secondary"])
      .describe("primary: the document itself; secondary: a text that reports on a document not at hand."),
    origin: PlainText.min(1).optional().describe("Where the text came from, e.g. the seed file name."),
  })
  .strict();
/**
 * The text a plan quotes: `file` (relative to the bundled `data/sources/` or to the plan file), `type`
 * (`primary`: the document itself; `secondary`: a text reporting on it) and `origin` (where the text came from).
 */
export interface Source extends z.infer<typeof SourceSchema> {}

/**
 * Schema of how much of a document a plan captures; see {@link Content}.
 */
export const ContentSchema = z
  .enum(["complete", "partial", "skeleton", "none"])
  .describe(
    "How much of the document is captured: complete (every indicator, task and project), partial (a copy " +
      "cut off: everything up to the cut, see completeness), skeleton (structure and a few known facts " +
      "only), none (known to exist, no content at hand).",
  );
/**
 * How much of the document a plan captures: `complete`, `partial` (a copy cut off; the plan's
 * `completeness` says where), `skeleton` (structure and a few known facts) or `none` (known to exist only).
 *
 * @useDeclaredType
 */
export type Content = z.infer<typeof ContentSchema>;

export const CompletenessSchema = z
  .object({
    reasons: z
      .array(z.enum(["ends-before-first-part", "ends-mid-sentence", "ends-after-heading", "announced-parts-missing", "closing-part-missing"]))
      .min(1)
      .describe("Why the copy is taken as cut off: it stops before its first part (一、), inside a sentence or right after a heading, before parts its table of contents announces, or before the closing part (保障措施, 组织实施) of a plan of its kind."),
    endsWith: PlainText.min(1).describe("The line the copy ends with, as written."),
    missingParts: z.array(PlainText.min(1)).optional().describe("Parts the table of contents announces that the copy lacks."),
  })
  .strict()
  .describe("Where and why a partial copy ends; what lies beyond it cannot be judged.");
export type Completeness = z.infer<typeof CompletenessSchema>;

/**
 * Schema of how much of one part of a plan (its indicators, tasks or projects) is known; see {@link Knowledge}.
 */
export const KnowledgeSchema = z
  .enum(["complete", "cut-off", "groups", "some", "unknown"])
  .describe(
    "complete: every item of this part is in the plan; cut-off: every item up to where the copy ends; groups: the " +
      "part's group headings only, not the items under them; some: some items, others not known; unknown: nothing of this part is known.",
  );
/**
 * How much of one part of a plan is known: `complete`, `cut-off` (up to where the copy ends), `groups` (its
 * group headings only), `some` (some items) or `unknown`. What is not known is never reported as absent.
 *
 * @useDeclaredType
 */
export type Knowledge = z.infer<typeof KnowledgeSchema>;

/** Schema of how much of each part of a plan is known; see {@link KnownParts}. */
export const KnownPartsSchema = z
  .object({ indicators: KnowledgeSchema, tasks: KnowledgeSchema, projects: KnowledgeSchema })
  .strict()
  .describe("How much of each part is known, where content alone does not say it (a skeleton known in parts).");
/** How much of a plan's indicators, tasks and projects is known. */
export interface KnownParts extends z.infer<typeof KnownPartsSchema> {}

/**
 * Schema of the units named for an item; see {@link Units}.
 */
export const UnitsSchema = z
  .object({
    lead: z.array(PlainText.min(1)).describe("Lead units (牵头), as written."),
    supporting: z
      .array(PlainText.min(1))
      .describe("Supporting units (配合, 按职责分工负责), as written."),
  })
  .strict();
/**
 * The units an item names: `lead` (牵头) and `supporting` (配合, 按职责分工负责), each as written.
 */
export interface Units extends z.infer<typeof UnitsSchema> {}

/**
 * Schema of one heading of a plan; see {@link Section}.
 */
export const SectionSchema = z
  .object({
    id: Slug,
    parent: Slug.nullable().describe("Id of the enclosing section; null at the top."),
    number: PlainText.describe("Numbering as printed, e.g. 三、 or (一) or 1.; empty for a 专栏 box."),
    title: PlainText.min(1),
    quote: Quote,
    provenance: ProvenanceSchema.optional(),
  })
  .strict();
/**
 * One heading of a plan: its `number` as printed (三、, (一), empty for a 专栏 box), `title`, the
 * `parent` section's id (`null` at the top) and the `quote` it was taken from.
 */
export interface Section extends z.infer<typeof SectionSchema> {}

/** What every indicator, task and project has in common. */
const ItemBase = {
  id: Slug,
  section: Slug.describe("Id of the innermost section the item stands in."),
  quote: Quote,
  units: UnitsSchema.optional().describe("Lead and supporting units, where the document names them."),
  provenance: ProvenanceSchema.optional(),
  unverified: z
    .literal(true)
    .optional()
    .describe("Set when the value comes from a secondary source that marks it unverified."),
};

/**
 * Schema of an indicator's nature; see {@link IndicatorNature}.
 */
export const IndicatorNatureSchema = z
  .enum(["binding", "expected"])
  .describe("binding (约束性) or expected (预期性), where the document says.");
/**
 * Whether the document calls an indicator `binding` (约束性) or `expected` (预期性).
 *
 * @useDeclaredType
 */
export type IndicatorNature = z.infer<typeof IndicatorNatureSchema>;

/**
 * Schema of one indicator of a plan; see {@link Indicator}.
 */
export const IndicatorSchema = z
  .object({
    ...ItemBase,
    name: PlainText.min(1).describe("The indicator as named, e.g. 生产安全事故死亡人数."),
    target: PlainText.min(1)
      .nullable()
      .describe("The target as written, e.g. 下降15%, <0.8, 达到90%; null when the document gives none."),
    nature: IndicatorNatureSchema.optional(),
    year: Year.optional().describe(
      "Year the target is due, as stated or as set by the enclosing text (a 2025年预期值 column); absent when the document gives none.",
    ),
    baseline: PlainText.min(1)
      .optional()
      .describe("What a relative target is measured against when the document says, e.g. 前两年平均数."),
    direction: z
      .enum(["lower-better", "higher-better"])
      .optional()
      .describe("Which way is better, where the rules in data/targets/directions.json would read it wrong."),
    origin: z
      .enum(["core", "goal", "inline"])
      .describe(
        "core: the main indicator table; goal: the 分项/分类目标 text; inline: a target inside a task or project.",
      ),
    item: Slug.optional().describe("For an inline target, the id of the task or project it stands in."),
  })
  .strict();
/**
 * One indicator of a plan: its `name`, its `target` as written (下降15%, <0.8; `null` when none is
 * given), `nature`, due `year`, `baseline`, and `origin` (`core` table, `goal` text, or `inline` in the task or
 * project `item`). Like every item it has an `id`, the `section` it stands in, its `quote` and, where named, `units`.
 * Every field is described in `docs/plan.schema.json`.
 */
export interface Indicator extends z.infer<typeof IndicatorSchema> {}

const WorkItemFields = {
  ...ItemBase,
  number: PlainText.describe("Numbering as printed, e.g. (20); empty when unnumbered."),
  title: PlainText.min(1).describe("The short heading, or the opening clause where there is none."),
  text: PlainText.min(1).describe("The whole text of the item, without its numbering."),
  year: Year.optional().describe("Deadline or year of the work, where the text gives one."),
};

/**
 * Schema of one task of a plan; see {@link Task}.
 */
export const TaskSchema = z.object(WorkItemFields).strict();
/**
 * One task of a plan: `number` as printed, `title`, whole `text`, deadline `year`, and like every
 * item an `id`, the `section` it stands in, its `quote` and, where named, `units`.
 */
export interface Task extends z.infer<typeof TaskSchema> {}

/**
 * Schema of one project (重点工程, 专栏 entry) of a plan; see {@link Project}.
 */
export const ProjectSchema = z.object(WorkItemFields).strict();
/**
 * One project of a plan (重点工程, an entry of a 专栏 box): the same fields as a {@link Task}.
 */
export interface Project extends z.infer<typeof ProjectSchema> {}

/**
 * Schema of one omission of a plan's source; see {@link Omission}.
 */
export const OmissionSchema = z
  .object({
    id: Slug,
    section: Slug,
    what: PlainText.min(1).describe("What the source leaves out, e.g. 主要指标."),
    quote: Quote,
  })
  .strict();
/**
 * A part the source itself leaves out ("主要指标(略)"): `what` is missing, in which `section`, and
 * the `quote` that says so.
 */
export interface Omission extends z.infer<typeof OmissionSchema> {}

const PlanFields = z
  .object({
    schemaVersion: z.literal(1),
    id: Slug,
    title: PlainText.min(1),
    issuer: PlainText.min(1).nullable().describe("Issuing body; null where it is not known."),
    documentNumber: PlainText.min(1).nullable().describe("e.g. 吉政办发〔2021〕69号; null where none is known."),
    issueDate: IsoDate.nullable(),
    publishDate: IsoDate.optional(),
    kind: PlanKindSchema.nullable().describe("null only for a plan known to exist whose nature is not known."),
    period: z
      .object({ start: Year, end: Year })
      .strict()
      .nullable()
      .describe("Years covered, e.g. 2021–2025 for a 十四五 plan; null where not known."),
    jurisdiction: JurisdictionSchema,
    source: SourceSchema,
    content: ContentSchema,
    completeness: CompletenessSchema.optional(),
    known: KnownPartsSchema.optional().describe("How much of each part is known; absent: as content says (see knownParts)."),
    notes: z.array(PlainText.min(1)).describe("What a reader should know about the document or its copy."),
    sections: z.array(SectionSchema),
    indicators: z.array(IndicatorSchema),
    tasks: z.array(TaskSchema),
    projects: z.array(ProjectSchema),
    omissions: z.array(OmissionSchema).describe("Parts the source itself leaves out, e.g. 主要指标(略)."),
  })
  .strict();

/** A normalized plan. Parse untrusted input with `PlanSchema.safeParse`, or load it with `loadPlan`. */
export const PlanSchema = PlanFields.superRefine(checkReferences);
/**
 * A normalized plan: metadata, `sections`, `indicators`, `tasks`, `projects` and `omissions`, every item
 * quoting the span of the source it came from. Each field is described in `docs/plan.schema.json` and in the
 * README's "The plan format".
 */
export interface Plan extends z.infer<typeof PlanSchema> {}

/** Cross-references a per-field schema cannot see: unique ids, known sections, a sane period. */
function checkReferences(plan: z.infer<typeof PlanFields>, ctx: z.RefinementCtx): void {
  if (plan.period !== null && plan.period.end < plan.period.start) {
    ctx.addIssue({ code: "custom", path: ["period", "end"], message: "period ends before it starts" });
  }
  const sectionIds = new Set(plan.sections.map((section) => section.id));
  const seen = new Map<string, string>();
  const lists = ["sections", "indicators", "tasks", "projects", "omissions"] as const;
  for (const list of lists) {
    plan[list].forEach((entry, index) => {
      const earlier = seen.get(entry.id);
      if (earlier !== undefined) {
        ctx.addIssue({ code: "custom", path: [list, index, "id"], message: `id "${entry.id}" is already used at ${earlier}` });
      }
      seen.set(entry.id, `${list}[${index}]`);
      const section = "section" in entry ? entry.section : entry.parent;
      if (section !== null && !sectionIds.has(section)) {
        const field = "section" in entry ? "section" : "parent";
        ctx.addIssue({ code: "custom", path: [list, index, field], message: `no section has id "${section}"` });
      }
    });
  }
  const workItemIds = new Set([...plan.tasks, ...plan.projects].map((item) => item.id));
  plan.indicators.forEach((indicator, index) => {
    if (indicator.item !== undefined && !workItemIds.has(indicator.item)) {
      ctx.addIssue({ code: "custom", path: ["indicators", index, "item"], message: `no task or project has id "${indicator.item}"` });
    }
  });
}

/**
 * How much of each part of a plan is known: its `known` field where it has one, otherwise as its `content`
 * says (complete: every part complete; partial: every part cut off; skeleton: `some` of a part it lists items
 * of, `groups` of a part it has only a heading for (重点任务), `unknown` of the rest; none: nothing known).
 *
 * @example
 * knownParts(getBundledPlan("national")).projects; // "unknown"
 */
export function knownParts(plan: Plan): KnownParts {
  if (plan.known !== undefined) return plan.known;
  switch (plan.content) {
    case "complete":
      return { indicators: "complete", tasks: "complete", projects: "complete" };
    case "partial":
      return { indicators: "cut-off", tasks: "cut-off", projects: "cut-off" };
    case "skeleton": {
      // Headings of a part (重点任务) without their items are its groups; the titles of a skeleton are as printed.
      const headed = new Set(plan.sections.map((section) => roleOfTitle(section.title)));
      const listed = (items: readonly unknown[], role?: SectionRole): Knowledge => (items.length > 0 ? "some" : role !== undefined && headed.has(role) ? "groups" : "unknown");
      return { indicators: listed(plan.indicators), tasks: listed(plan.tasks, "tasks"), projects: listed(plan.projects, "projects") };
    }
    case "none":
      return { indicators: "unknown", tasks: "unknown", projects: "unknown" };
  }
}
