import Nzh from "nzh/cn";
import { getBundledPlan, type IndicatorNature, type Plan } from "../../src/index.js";
import { listProvinces, type NationDivision } from "./divisions.js";
import { createRandom, type Random } from "./random.js";
import { nameOf, paraphrase, relocateLevelWords, renameJurisdiction, type Naming } from "./rewrite.js";
import { expectFindings, type ExpectedFinding, type IndicatorTruth, type PlanTruth } from "./truth.js";
import wordings from "./wordings.json";

// The synthetic nation: a plan for every mainland province, prefecture and county, content flowing down so
// that what each plan carries of the plans above it is known by construction. A province's indicators are
// the national plan's, its tasks, projects and sections 吉林省's (the richest bundled plan); each city's
// plan is copied from its province's, each county's from its city's (from the province's for districts of
// a municipality and counties a province administers directly), each copy perturbed.

/** How often each perturbation happens, per plan. */
export interface PerturbationRates {
  /** Share of indicators, tasks and projects left out; gone for every plan below too. Default 0.03. */
  dropItem: number;
  /** Share of indicators whose target asks less than the parent's. Default 0.05. */
  weakenTarget: number;
  /** Share of indicators whose target asks more than the parent's. Default 0.03. */
  strengthenTarget: number;
  /** Share of binding (约束性) indicators made expected (预期性). Default 0.02. */
  downgradeNature: number;
  /** Share of tasks and projects that name no lead unit. Default 0.05. */
  dropLeadUnit: number;
  /** Share of titles and texts reworded. Default 0.8. */
  paraphrase: number;
  /** In a reworded text, the share of known terms swapped for a synonym. Default 0.5. */
  swapTerm: number;
  /** Share of sections whose tasks, projects and indicators are put in another order. Default 0.3. */
  reorderItems: number;
  /** Share of sections whose subsections are put in another order (and so renumbered). Default 0.2. */
  reorderSections: number;
}

export const defaultRates: Readonly<PerturbationRates> = {
  dropItem: 0.03,
  weakenTarget: 0.05,
  strengthenTarget: 0.03,
  downgradeNature: 0.02,
  dropLeadUnit: 0.05,
  paraphrase: 0.8,
  swapTerm: 0.5,
  reorderItems: 0.3,
  reorderSections: 0.2,
};

/** Options of `generateNation`; every field has a default. */
export interface NationOptions {
  /** Seed of every random choice: the same seed gives the same nation. Default 1. */
  seed?: number;
  rates?: Partial<PerturbationRates>;
  /** Which divisions get a plan; one left out leaves out everything under it. Default: all. */
  include?: (division: NationDivision) => boolean;
}

/** One province's plans, generated together, with their truth. */
export interface ProvinceSubtree {
  /** The province's plan, then each city's followed by its counties', and the counties directly under it. */
  plans: Plan[];
  /** What is known of each of these plans by construction, in the same order. */
  truths: PlanTruth[];
  /** The findings of the scored kinds that a correct audit of each of these plans against its ancestors reports. */
  expected: ExpectedFinding[];
}

/** The synthetic nation: the national plan, and the provinces generated one at a time as they are read. */
export interface SyntheticNation {
  national: Plan;
  nationalTruth: PlanTruth;
  /** Each province's subtree, generated anew on each pass, so that only one is held at a time. */
  provinces: Iterable<ProvinceSubtree>;
}

/**
 * Generates the synthetic nation. Audit each plan of a province against `getAncestorPlans(plan, [national,
 * ...subtree.plans])` and score the reports with `scoreFindings(reports, subtree.expected)`.
 *
 * @example
 * const nation = generateNation({ seed: 7 });
 * for (const subtree of nation.provinces) console.log(subtree.plans.length);
 */
export function generateNation(options: NationOptions = {}): SyntheticNation {
  const seed = options.seed ?? 1;
  const rates = { ...defaultRates, ...options.rates };
  const include = options.include ?? (() => true);
  const national = getBundledPlan("national");
  const nationalTruth = describeNational(national);
  const template = readTemplate(national);
  return {
    national,
    nationalTruth,
    provinces: {
      *[Symbol.iterator]() {
        for (const province of listProvinces()) {
          if (include(province)) yield generateProvince(province, { seed, rates, include, template, nationalTruth });
        }
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// What each national indicator asks, read by hand from data/plans/national.json. The truth of weaker and
// stronger targets rests on these directions, not on the program's reading of the targets.

interface TargetForm {
  /** decrease: 下降15% (a cut); below: <1 (a ceiling). */
  form: "decrease" | "below";
  unit: "%" | "";
  value: number;
  moreAmbitious: IndicatorTruth["moreAmbitious"];
}

const nationalTargets: Readonly<Record<string, TargetForm>> = {
  // 生产安全事故死亡人数 下降15%: a cut in deaths in work accidents; a deeper cut asks more.
  "core-1": { form: "decrease", unit: "%", value: 15, moreAmbitious: "higher" },
  // 重特大生产安全事故起数 下降20%: a cut in the number of major accidents; a deeper cut asks more.
  "core-2": { form: "decrease", unit: "%", value: 20, moreAmbitious: "higher" },
  // 单位国内生产总值生产安全事故死亡率 下降33%: a cut in deaths per unit of output; a deeper cut asks more.
  "core-3": { form: "decrease", unit: "%", value: 33, moreAmbitious: "higher" },
  // 工矿商贸就业人员十万人生产安全事故死亡率 下降20%: a cut in the industrial death rate; a deeper cut asks more.
  "core-4": { form: "decrease", unit: "%", value: 20, moreAmbitious: "higher" },
  // 年均每百万人口因自然灾害死亡率 <1: a ceiling on deaths from natural disasters; a lower ceiling asks more.
  "core-5": { form: "below", unit: "", value: 1, moreAmbitious: "lower" },
  // 年均每十万人受灾人次 <15000: a ceiling on people affected by disasters; a lower ceiling asks more.
  "core-6": { form: "below", unit: "", value: 15000, moreAmbitious: "lower" },
  // 年均因自然灾害直接经济损失占国内生产总值比例 <1%: a ceiling on disaster losses; a lower ceiling asks more.
  "core-7": { form: "below", unit: "%", value: 1, moreAmbitious: "lower" },
};

// Ways of writing the same target; the first is the national plan's own.
const targetWordings: Readonly<Record<TargetForm["form"], readonly string[]>> = { decrease: ["下降", "降低"], below: ["<", "小于"] };

function writeTarget(form: TargetForm, value: number, wording: string): string {
  return form.form === "decrease" ? `${wording}${value}%` : `${wording}${value}${form.unit}`;
}

// ---------------------------------------------------------------------------------------------------------
// A plan's content as a tree, the form in which it is copied down. Each node has the id it was given in
// its plan and the plan's id, so that its copies know where they come from.

interface Node {
  plan: string;
  id: string;
}

interface IndicatorNode extends Node {
  name: string;
  form: TargetForm;
  value: number;
  wording: string;
  nature: IndicatorNature;
}

interface WorkNode extends Node {
  kind: "task" | "project";
  title: string;
  text: string;
  /** Whether the template printed a number before it (吉林's 重点工程 are numbered 1., 2., …). */
  numbered: boolean;
  /** A duty of its own level (see isLevelBound): never dropped. */
  levelBound: boolean;
  lead: string[];
  supporting: string[];
}

interface SectionNode extends Node {
  title: string;
  /** A 专栏 box has no number. */
  numbered: boolean;
  /** Subsections and tasks or projects in document order, so that numbering runs across both. */
  entries: Array<{ section: SectionNode } | { work: WorkNode }>;
  indicators: IndicatorNode[];
}

/** The top-level parts of a plan (一、发展背景 …), in their order, which copies keep. */
type Outline = SectionNode[];

interface Context {
  seed: number;
  rates: PerturbationRates;
  include: (division: NationDivision) => boolean;
  template: { outline: Outline; naming: Naming };
  nationalTruth: PlanTruth;
}

/** A plan generated, with what its children are copied from. */
interface Generated {
  plan: Plan;
  outline: Outline;
  naming: Naming;
  truth: PlanTruth;
}

/**
 * The template every province starts from: 吉林省's sections, tasks and projects, with the national
 * indicators where 吉林's omitted indicator table (主要指标(略)) stood.
 */
function readTemplate(national: Plan): Context["template"] {
  const jilin = getBundledPlan("jilin");
  const indicatorSection = jilin.omissions.find((omission) => omission.what === "主要指标")?.section;
  if (indicatorSection === undefined) throw new Error("吉林's plan no longer omits its 主要指标: place the national indicators anew");
  const indicators = national.indicators.map((indicator): IndicatorNode => {
    const form = nationalTargets[indicator.id];
    if (form === undefined || indicator.target !== writeTarget(form, form.value, targetWordings[form.form][0] ?? "")) {
      throw new Error(`national indicator ${indicator.id} (${indicator.target}) is not the one whose direction was written down`);
    }
    return { plan: national.id, id: indicator.id, name: indicator.name, form, value: form.value, wording: targetWordings[form.form][0] ?? "", nature: indicator.nature ?? "expected" };
  });
  const sections = new Map(jilin.sections.map((section): [string, SectionNode] => [section.id, {
    plan: jilin.id, id: section.id, title: section.title, numbered: section.number !== "", entries: [],
    indicators: section.id === indicatorSection ? indicators : [],
  }]));
  const outline: Outline = [];
  for (const section of jilin.sections) {
    const node = sections.get(section.id);
    if (node === undefined) continue;
    if (section.parent === null) outline.push(node);
    else sections.get(section.parent)?.entries.push({ section: node });
  }
  const works = [...jilin.tasks.map((task) => ({ ...task, kind: "task" as const })), ...jilin.projects.map((project) => ({ ...project, kind: "project" as const }))];
  for (const work of works) {
    sections.get(work.section)?.entries.push({
      work: { plan: jilin.id, id: work.id, kind: work.kind, title: work.title, text: work.text, numbered: work.number !== "", levelBound: isLevelBound(work.title), lead: [], supporting: [] },
    });
  }
  // Where numbered tasks or projects stand among numbered subsections (吉林's 4.3: 1., 2., subsection 3., 4.,
  // 5.), their printed numbers give the order; boxes, unnumbered, come after.
  for (const node of sections.values()) {
    node.entries.sort((a, b) => printedOrder(a, jilin) - printedOrder(b, jilin));
  }
  return { outline, naming: nameOf(jilin.jurisdiction.name) };
}

function printedOrder(entry: SectionNode["entries"][number], jilin: Plan): number {
  const number = "section" in entry
    ? jilin.sections.find((section) => section.id === entry.section.id)?.number
    : [...jilin.tasks, ...jilin.projects].find((work) => work.id === entry.work.id)?.number;
  const digits = /\d+/u.exec(number ?? "")?.[0];
  return digits === undefined ? (number === "" ? Number.MAX_SAFE_INTEGER : 0) : Number(digits);
}

/**
 * Whether a template task or project is a duty of its own level, which a lower plan need not carry: its
 * title names a level, a jurisdiction or an institution (加强省级专业救援队伍建设, 吉林应急管理学院建设).
 * Audits call the absence of such an item not applicable rather than missing (docs/findings.md), so the
 * generator never drops one and the truth never has to say which. The test is broad on purpose: 城市 counts.
 */
function isLevelBound(title: string): boolean {
  return /[省市县]|国家|中央|吉林|学院|大学|智库/u.test(title);
}

function describeNational(national: Plan): PlanTruth {
  return {
    plan: national.id,
    ancestors: [],
    derivedFrom: {},
    items: Object.fromEntries(national.indicators.map((indicator) => [indicator.id, "indicator" as const])),
    indicators: Object.fromEntries(national.indicators.map((indicator) => {
      const form = nationalTargets[indicator.id];
      if (form === undefined) throw new Error(`no direction is written down for national indicator ${indicator.id}`);
      return [indicator.id, { value: form.value, moreAmbitious: form.moreAmbitious, nature: indicator.nature ?? "expected" }];
    })),
    unassigned: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Generating a province's subtree.

function generateProvince(province: NationDivision, context: Context): ProvinceSubtree {
  const truths = new Map<string, PlanTruth>([[context.nationalTruth.plan, context.nationalTruth]]);
  const subtree: ProvinceSubtree = { plans: [], truths: [], expected: [] };
  const add = (generated: Generated) => {
    truths.set(generated.truth.plan, generated.truth);
    subtree.plans.push(generated.plan);
    subtree.truths.push(generated.truth);
    subtree.expected.push(...expectFindings(generated.truth, truths));
  };
  const provincePlan = derivePlan(province, { outline: context.template.outline, naming: context.template.naming, ancestors: [context.nationalTruth.plan] }, context);
  add(provincePlan);
  for (const division of province.children) {
    if (!context.include(division)) continue;
    const generated = derivePlan(division, fromParent(provincePlan), context);
    add(generated);
    for (const county of division.children) {
      if (context.include(county)) add(derivePlan(county, fromParent(generated), context));
    }
  }
  return subtree;
}

interface Parent {
  outline: Outline;
  naming: Naming;
  /** Ids of the parent's plan and the plans above it, nearest first. */
  ancestors: string[];
}

const fromParent = (parent: Generated): Parent => ({ outline: parent.outline, naming: parent.naming, ancestors: [parent.plan.id, ...parent.truth.ancestors] });

/** A division's plan, copied from its parent's content with perturbations. */
function derivePlan(division: NationDivision, parent: Parent, context: Context): Generated {
  const random = createRandom(context.seed, division.code);
  const id = `n-${division.code}`;
  const naming = nameOf(division.name);
  const copy = new Copier(parent.naming, naming, division.level === "province", random, context.rates);
  const outline = parent.outline.map((part) => copy.section(part, false));
  return { ...writePlan(id, division, outline, random, parent.ancestors), naming };
}

/**
 * Copies a parent's content into one plan, perturbing it as it goes. The copies keep their parent's plan
 * and ids until the plan is written out, which records them as each copy's origin.
 */
class Copier {
  private readonly bureaus: string[];

  constructor(
    private readonly from: Naming,
    private readonly to: Naming,
    /** A province renames the template's own jurisdiction (吉林) after itself. */
    private readonly renames: boolean,
    private readonly random: Random,
    private readonly rates: PerturbationRates,
  ) {
    this.bureaus = wordings.bureaus.map((bureau) => bureau.replace("{level}", to.levelCharacter));
  }

  section(node: SectionNode, reorderable: boolean): SectionNode {
    const entries = node.entries.flatMap((entry): SectionNode["entries"] => {
      if ("section" in entry) return [{ section: this.section(entry.section, true) }];
      const work = this.work(entry.work);
      return work === undefined ? [] : [{ work }];
    });
    const indicators = node.indicators.flatMap((indicator) => this.indicator(indicator) ?? []);
    const [title] = this.reword([node.title]);
    return {
      ...node, title: title ?? node.title,
      entries: this.reorder(this.reorder(entries, "work", this.rates.reorderItems), "section", reorderable ? this.rates.reorderSections : 0),
      indicators: this.random.chance(this.rates.reorderItems) ? this.random.shuffle(indicators) : indicators,
    };
  }

  /** Shuffles the entries of one sort among the places entries of that sort hold. */
  private reorder(entries: SectionNode["entries"], sort: "work" | "section", rate: number): SectionNode["entries"] {
    const places = entries.flatMap((entry, index) => (sort in entry ? [index] : []));
    if (places.length < 2 || !this.random.chance(rate)) return entries;
    const shuffled = this.random.shuffle(places.map((index) => entries[index]));
    const result = [...entries];
    places.forEach((place, order) => {
      const entry = shuffled[order];
      if (entry !== undefined) result[place] = entry;
    });
    return result;
  }

  private work(node: WorkNode): WorkNode | undefined {
    if (!node.levelBound && this.random.chance(this.rates.dropItem)) return undefined;
    const [title = node.title, text = node.text] = this.reword([node.title, node.text]);
    const others = this.random.shuffle(this.bureaus);
    const lead = this.random.chance(this.rates.dropLeadUnit) ? [] : others.slice(0, this.random.integer(1, 2));
    const supporting = others.slice(2, 2 + this.random.integer(0, 2));
    return { ...node, title, text, lead, supporting };
  }

  private indicator(node: IndicatorNode): IndicatorNode | undefined {
    if (this.random.chance(this.rates.dropItem)) return undefined;
    const [name = node.name] = this.reword([node.name]);
    const draw = this.random.next();
    const value = draw < this.rates.weakenTarget
      ? this.moveValue(node, "weaker")
      : draw < this.rates.weakenTarget + this.rates.strengthenTarget ? this.moveValue(node, "stronger") : node.value;
    const nature = node.nature === "binding" && this.random.chance(this.rates.downgradeNature) ? "expected" : node.nature;
    return { ...node, name, value, nature, wording: this.random.pick(targetWordings[node.form.form]) };
  }

  /** A value that asks less or more than the node's, by a factor; the value itself where rounding undoes it. */
  private moveValue(node: IndicatorNode, way: "weaker" | "stronger"): number {
    const factor = this.random.pick([1.1, 1.2, 1.25, 1.5]);
    const up = (way === "stronger") === (node.form.moreAmbitious === "higher");
    const moved = up ? node.value * factor : node.value / factor;
    // Cuts are whole percentages below 100; ceilings keep two decimals, or none from 100 up.
    const rounded = node.form.form === "decrease" ? Math.round(moved) : moved >= 100 ? Math.round(moved) : Math.round(moved * 100) / 100;
    const valid = rounded > 0 && (node.form.form !== "decrease" || rounded < 100);
    return valid ? rounded : node.value;
  }

  /** Moves texts to this plan's jurisdiction and, for most items, rewords them alike. */
  private reword(texts: readonly string[]): string[] {
    const moved = texts.map((text) => relocateLevelWords(this.renames ? renameJurisdiction(text, this.from, this.to) : text, this.from, this.to));
    return this.random.chance(this.rates.paraphrase) ? paraphrase(moved, this.random, this.rates.swapTerm) : moved;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing a plan out: numbering, ids, quotes.

// Numbering of each depth, one style chosen per plan: 一、 › (一) › 1. › (1).
const numberStyles: ReadonlyArray<ReadonlyArray<(n: number) => string>> = [
  [(n) => `${Nzh.encodeS(n)}、`],
  [(n) => `(${Nzh.encodeS(n)})`, (n) => `（${Nzh.encodeS(n)}）`],
  [(n) => `${n}.`, (n) => `${n}、`],
  [(n) => `(${n})`, (n) => `${n})`],
];

function writePlan(id: string, division: NationDivision, outline: Outline, random: Random, ancestors: string[]): Omit<Generated, "naming"> {
  const styles = numberStyles.map((choices) => random.pick(choices));
  const numberAt = (depth: number, n: number) => (styles[Math.min(depth, styles.length - 1)] ?? String)(n);
  const plan: Plan = {
    schemaVersion: 1,
    id,
    title: `${division.name}贯彻落实“十四五”应急管理规划实施方案`,
    issuer: `${division.name}人民政府`,
    documentNumber: null,
    issueDate: null,
    kind: "implementation-plan",
    period: { start: 2021, end: 2025 },
    jurisdiction: { name: division.name, level: division.level, parent: division.parent },
    source: { file: "synthetic", type: "primary", origin: "bench/nation" },
    content: "complete",
    notes: ["Synthetic test data generated by bench/nation from the bundled national and 吉林 plans; not a real document. Each quote is the item's own text."],
    sections: [], indicators: [], tasks: [], projects: [], omissions: [],
  };
  const truth: PlanTruth = { plan: id, ancestors, derivedFrom: {}, items: {}, indicators: {}, unassigned: [] };
  // A copy still holds the id of what it was copied from: that is its origin. It takes its own id here, so
  // that the plans below it record this plan as theirs.
  const remember = (node: Node, newId: string) => {
    truth.derivedFrom[newId] = { plan: node.plan, item: node.id };
    node.id = newId;
    node.plan = id;
  };
  const visit = (node: SectionNode, sectionId: string, parentId: string | null, number: string) => {
    remember(node, sectionId);
    plan.sections.push({ id: sectionId, parent: parentId, number, title: node.title, quote: `${number}${node.title}` });
    for (const indicator of node.indicators) {
      const indicatorId = `indicator-${plan.indicators.length + 1}`;
      const target = writeTarget(indicator.form, indicator.value, indicator.wording);
      remember(indicator, indicatorId);
      plan.indicators.push({ id: indicatorId, section: sectionId, quote: `${indicator.name}${target}`, name: indicator.name, target, nature: indicator.nature, year: 2025, origin: "core" });
      truth.items[indicatorId] = "indicator";
      truth.indicators[indicatorId] = { value: indicator.value, moreAmbitious: indicator.form.moreAmbitious, nature: indicator.nature };
    }
    const depth = sectionId.split(".").length;
    let numberedSoFar = 0;
    let subsections = 0;
    for (const entry of node.entries) {
      const entryNumbered = "section" in entry ? entry.section.numbered : entry.work.numbered;
      const entryNumber = entryNumbered ? numberAt(depth, (numberedSoFar += 1)) : "";
      if ("section" in entry) {
        visit(entry.section, `${sectionId}.${(subsections += 1)}`, sectionId, entryNumber);
        continue;
      }
      const work = entry.work;
      const list = work.kind === "task" ? plan.tasks : plan.projects;
      const workId = `${work.kind}-${list.length + 1}`;
      remember(work, workId);
      const units = { lead: work.lead, supporting: work.supporting };
      list.push({ id: workId, section: sectionId, quote: work.text, units, number: entryNumber, title: work.title, text: work.text });
      truth.items[workId] = work.kind;
      if (work.lead.length === 0) truth.unassigned.push(workId);
    }
  };
  outline.forEach((part, index) => visit(part, `s${index + 1}`, null, numberAt(0, index + 1)));
  return { plan, outline, truth };
}
