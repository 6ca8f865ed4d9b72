import { resolveDivision, toJurisdiction, type Division } from "../jurisdictions/divisions.js";
import { getHierarchy } from "../load/ancestors.js";
import type { PlanIssue } from "../model/input-error.js";
import { parsePlan } from "../load/parse-plan.js";
import { levelDepth, type Indicator, type Level, type Omission, type Plan, type PlanKind, type Project, type Section, type Task, type Units } from "../model/plan.js";
import { parseNormalizedTarget } from "../targets/parse-target.js";
import { normalizeText, simplifyText } from "../text/normalize.js";
import { trackNormalization } from "../text/track-normalization.js";
import { toDocumentText } from "./document-text.js";
import { removeStraySpaces, splitLines, type Line } from "./lines.js";
import { readCompleteness } from "./completeness.js";
import { readMetadata } from "./metadata.js";
import { roleOfTitle, type SectionRole } from "../model/section-roles.js";
import { isUnitLine, leadPhrase, readHeading, type Heading } from "./structure.js";
import { checkArguments, checkTexts } from "../model/input-error.js";
import { ExtractMetaSchema } from "../model/options.js";

/** What the caller knows about a document; given fields win over what is read from the text. */
export interface ExtractMeta {
  id?: string;
  title?: string;
  issuer?: string | null;
  documentNumber?: string | null;
  issueDate?: string | null;
  publishDate?: string;
  kind?: PlanKind | null;
  period?: { start: number; end: number } | null;
  /** What is known of the jurisdiction; what is not given is read from the text and the national division table. */
  jurisdiction?: { name?: string; level?: Level; parent?: string | null };
  /** The source file name the plan's quotes point into, as `source.file`. Default "source.txt". */
  sourceFile?: string;
}

/** Clauses longer than this (no real one is) quote each target's own stretch rather than the whole clause. */
const longestQuotedClause = 2_000;

/** The plan read from a document, and the document text its quotes are spans of. */
export interface Extraction {
  plan: Plan;
  /** Plain text as given (LF line breaks), or the text of an HTML page with its tags stripped. */
  sourceText: string;
  /**
   * What the document did not show and extraction had to assume, each naming the field and the option that
   * sets it (a title named after the file, a jurisdiction placed one of two ways). Also in the plan's notes.
   */
  warnings: PlanIssue[];
}

/** A plan's title where the document shows none: its file's name, so that reports still tell plans apart. */
function untitledName(sourceFile: string | undefined): string {
  const base = (sourceFile ?? "").replace(/^.*[\\/]/u, "").replace(/\.[^.]*$/u, "");
  return base === "" ? "（未找到标题）" : `（未找到标题）${base}`;
}

// Lines after the body that belong to the web page, not the document.
const pageFurniture = /^(?:扫一扫|扫码|下载APP|关注微信|打印本页|打印|关闭|关闭窗口|【(?:打印|关闭)|分享到|责任编辑|相关链接|相关文件|政策解读|主办单位|网站标识码|版权所有|Copyright|©|注册|法律声明|联系我们|•|\||上一篇|下一篇)/iu;

interface Node {
  heading: Heading;
  parent: Node | null;
  children: Node[];
  /** Unnumbered lines that follow the heading until the next numbered line. */
  paragraphs: Line[];
  role: SectionRole | undefined;
  /** For boxes (专栏): the numbering style of the lines inside, and the last number seen. */
  box?: { itemStyle?: string; last: number };
}

/**
 * Reads a plan from the text of a document (plain text or HTML): where the document proper starts and
 * ends, its heading tree (一、 (一) 1. (1) ① 专栏), indicator tables that arrive one cell per line, targets
 * in goal paragraphs and inside tasks and projects, tasks and projects with their lead and supporting units
 * (…牵头, …按职责分工负责) and years, and "(略)" omissions. Title, issuer, number, dates, kind, period and
 * jurisdiction are read from the text and can be given. Every item quotes its span of the text.
 *
 * @throws PlanLoadError when what it reads does not make a valid plan; a title or jurisdiction the document
 *   does not show is no error: the plan is extracted, and `warnings` says what was assumed
 * @example
 * const text = readFileSync("docs/examples/daixian-cut-off.txt", "utf8"); // in a clone of the repository
 * const { plan } = extractPlan(text, { id: "daixian-cut" });
 * plan.content; // "partial": the copy stops in the middle of a task
 * plan.tasks.length; // 15
 */
export function extractPlan(input: string, meta: ExtractMeta = {}): Extraction {
  checkTexts("extractPlan", { input });
  checkArguments("extractPlan", { meta: [ExtractMetaSchema, meta] });
  const sourceText = toDocumentText(input);
  const lines = splitLines(sourceText);
  // Without a first part (一、) the copy stops before it, or its parts were run into one line: then every line
  // may hold the title and the notice, and the whole text is read as the body too.
  const firstPart = findFirstPart(lines);
  const bodyStart = firstPart ?? 0;
  const bodyEnd = findBodyEnd(lines, bodyStart);
  const read = readMetadata(lines, firstPart ?? lines.length, sourceText);
  const kind = meta.kind !== undefined ? meta.kind : read.kind;
  const completeness = readCompleteness(lines.slice(0, bodyStart), lines.slice(bodyStart, bodyEnd), kind, firstPart !== undefined);
  const period = meta.period !== undefined ? meta.period : read.period;
  const tree = buildTree(lines.slice(bodyStart, bodyEnd));
  const builder = new PlanBuilder(sourceText, kind === "annual-work-points" && period !== null ? period.start : undefined, period?.end);
  builder.visit(tree, []);
  const settled = settleJurisdiction(meta.jurisdiction, read);
  const { jurisdiction } = settled;
  // A field the document does not show leaves the plan extracted, with a warning that names the option to set it.
  const warnings: PlanIssue[] = [
    ...(meta.title === undefined && read.title === null ? [{ path: "title", message: `no title found in the document: named after its file; give the title (meta.title, --title)` }] : []),
    ...settled.warnings.map((message) => ({ path: "jurisdiction", message })),
  ];
  const title = meta.title ?? read.title ?? untitledName(meta.sourceFile);
  const plan = {
    schemaVersion: 1,
    id: meta.id ?? "extracted",
    title,
    issuer: meta.issuer !== undefined ? meta.issuer : read.issuer,
    documentNumber: meta.documentNumber !== undefined ? meta.documentNumber : read.documentNumber,
    issueDate: meta.issueDate !== undefined ? meta.issueDate : read.issueDate,
    ...(meta.publishDate !== undefined ? { publishDate: meta.publishDate } : read.publishDate === null ? {} : { publishDate: read.publishDate }),
    kind,
    period,
    jurisdiction,
    source: { file: meta.sourceFile ?? "source.txt", type: "primary" },
    content: completeness === undefined ? "complete" : "partial",
    ...(completeness === undefined ? {} : { completeness }),
    notes: [
      "Extracted by plan-align extract; check it against the document before relying on it.",
      ...(completeness === undefined ? [] : [`The copy is cut off (${completeness.reasons.join(", ")}); it ends with: ${completeness.endsWith}`]),
      ...warnings.map((warning) => `${warning.path}: ${warning.message}`),
    ],
    sections: builder.sections,
    indicators: builder.indicators,
    tasks: builder.tasks,
    projects: builder.projects,
    omissions: builder.omissions,
  };
  return { plan: parsePlan(plan, meta.sourceFile ?? "<extracted>"), sourceText, warnings };
}

/** The line of the document's first part (一、…, or 第一章 / 第一部分 in plans numbered by chapter), where there is one. */
function findFirstPart(lines: readonly Line[]): number | undefined {
  const first = lines.findIndex((line) => /^(?:一、|第一(?:章|部分))/u.test(line.norm));
  return first === -1 ? undefined : first;
}

function findBodyEnd(lines: readonly Line[], start: number): number {
  const end = lines.findIndex((line, index) => index > start && pageFurniture.test(line.norm));
  return end === -1 ? lines.length : end;
}

/** Builds the heading tree: a style seen before closes back to its level; a new style opens a deeper one. */
function buildTree(lines: readonly Line[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  let current: Node | undefined;
  for (const line of lines) {
    const heading = readHeading(line);
    if (heading === undefined) {
      current?.paragraphs.push(line);
      continue;
    }
    const top = stack.at(-1);
    if (top?.box !== undefined && heading.numbering.style !== "box") {
      // Inside a box (专栏), numbered lines that continue the box's own sequence are its lines.
      const { box } = top;
      if ((box.itemStyle === undefined && heading.numbering.value === 1) || (box.itemStyle === heading.numbering.style && heading.numbering.value === box.last + 1)) {
        box.itemStyle = heading.numbering.style;
        box.last = heading.numbering.value;
        current = { heading, parent: top, children: [], paragraphs: [], role: undefined };
        top.children.push(current);
        continue;
      }
      stack.pop();
    }
    if (heading.numbering.style === "box") {
      while (stack.at(-1)?.box !== undefined) stack.pop();
      // A box after a paragraph that runs on ("3.持续推进…。…") belongs to that paragraph's section, not to it.
      const last = stack.at(-1);
      if (last !== undefined && last.heading.runsOn && last.children.length === 0) stack.pop();
    } else {
      const level = stack.findIndex((node) => node.box === undefined && node.heading.numbering.style === heading.numbering.style);
      if (level !== -1) stack.length = level;
    }
    const parent = stack.at(-1) ?? null;
    current = { heading, parent, children: [], paragraphs: [], role: undefined, ...(heading.numbering.style === "box" ? { box: { last: 0 } } : {}) };
    (parent?.children ?? roots).push(current);
    stack.push(current);
  }
  return roots;
}

class PlanBuilder {
  readonly sections: Section[] = [];
  readonly indicators: Indicator[] = [];
  readonly tasks: Task[] = [];
  readonly projects: Project[] = [];
  readonly omissions: Omission[] = [];
  private readonly ids = new Set<string>();
  /** For each id asked for, the suffix to try next: every suffix below it is taken. */
  private readonly nextSuffix = new Map<string, number>();
  /** How many tasks and projects each section has so far, for their positions. */
  private readonly itemsInSection = { task: new Map<string, number>(), project: new Map<string, number>() };
  /** How many indicators of each origin were read from text so far, for their numbers. */
  private readonly textIndicators = { goal: 0, inline: 0 };
  private goalYear: number | undefined;

  constructor(
    private readonly text: string,
    /** For an annual plan, the year every target applies to unless it says otherwise. */
    private readonly planYear: number | undefined,
    /** The last year of the plan's period: the year its goals are set for, where the goal text names it. */
    private readonly periodEnd: number | undefined,
  ) {}

  visit(nodes: readonly Node[], path: readonly number[], inherited?: SectionRole, parentId: string | null = null): void {
    for (const node of nodes) {
      node.role = inherited ?? roleOfTitle(node.heading.title);
      const itemKind = node.role === "tasks" ? "task" : node.role === "projects" ? "project" : undefined;
      const isBox = node.box !== undefined;
      const numberPath = isBox ? path : [...path, node.heading.numbering.value];
      if (itemKind !== undefined && !isBox && parentId !== null && this.isItem(node)) {
        this.addWorkItem(itemKind, node, parentId);
        continue;
      }
      const section = this.addSection(node, numberPath, parentId);
      this.readOmission(node.heading.line, section.id);
      if (node.role === "goals") this.readGoals(node, section.id);
      for (const paragraph of node.paragraphs) {
        this.readOmission(paragraph, section.id);
        if (itemKind !== undefined && leadPhrase(paragraph.norm) !== undefined) this.addParagraphItem(itemKind, paragraph, section.id);
      }
      this.visit(node.children, numberPath, node.role, section.id);
    }
  }

  /** A numbered line in a task or project part is an item when nothing is numbered beneath it, unless its paragraphs are items of their own. */
  private isItem(node: Node): boolean {
    if (node.children.length > 0) return false;
    const paragraphItems = node.paragraphs.filter((paragraph) => leadPhrase(paragraph.norm) !== undefined).length;
    return node.heading.runsOn || paragraphItems === 0;
  }

  private uniqueId(base: string): string {
    let id = base;
    if (this.ids.has(id)) {
      let suffix = this.nextSuffix.get(base) ?? 2;
      for (id = `${base}-${suffix}`; this.ids.has(id); id = `${base}-${suffix}`) suffix += 1;
      this.nextSuffix.set(base, suffix + 1);
    }
    this.ids.add(id);
    return id;
  }

  private addSection(node: Node, numberPath: readonly number[], parentId: string | null): Section {
    const { line, numbering, title, runsOn } = node.heading;
    const { originalLength } = trackNormalization(line.raw);
    const numberEnd = originalLength(numbering.length);
    const titleEnd = originalLength(numbering.length + title.length + (runsOn ? 1 : 0));
    const section: Section = {
      id: this.uniqueId(node.box !== undefined ? `box-${numbering.value}` : `s${numberPath.join(".")}`),
      parent: parentId,
      number: node.box !== undefined ? "" : removeStraySpaces(line.raw.slice(0, numberEnd)),
      title: removeStraySpaces(line.raw.slice(numberEnd, runsOn ? titleEnd : undefined)).replace(/[。:：;；]+$/u, "") || title,
      quote: (runsOn ? line.raw.slice(0, titleEnd) : line.raw).trim(),
    };
    this.sections.push(section);
    return section;
  }

  private readOmission(line: Line, sectionId: string): void {
    if (!line.norm.includes("(略)")) return;
    const what = removeStraySpaces(line.raw.replace(/[(（]略[)）].*$/u, ""));
    this.omissions.push({ id: this.uniqueId(`omit-${this.omissions.length + 1}`), section: sectionId, what: what || "(略)", quote: line.raw });
  }

  /** A task or project: a numbered line with the paragraphs under it, its units and year; and the targets inside. */
  private addWorkItem(kind: "task" | "project", node: Node, sectionId: string): void {
    const { line, numbering, title, runsOn } = node.heading;
    const body = node.paragraphs.filter((paragraph) => !isUnitLine(paragraph.norm));
    const last = body.at(-1) ?? line;
    const { originalLength } = trackNormalization(line.raw);
    const numberEnd = originalLength(numbering.length);
    const titleEnd = originalLength(numbering.length + title.length);
    const number = removeStraySpaces(line.raw.slice(0, numberEnd));
    const fullText = [line.raw.slice(numberEnd), ...body.map((paragraph) => paragraph.raw)].join("\n");
    this.pushWorkItem(kind, {
      id: "", section: sectionId, number, title: removeStraySpaces(line.raw.slice(numberEnd, runsOn || body.length > 0 ? titleEnd : undefined)).replace(/[。:：]+$/u, ""),
      quote: this.text.slice(line.start, last.end),
    }, fullText, numbering.style === "arabic-paren" ? numbering.value : undefined);
  }

  /** A task or project written as an unnumbered paragraph with a lead phrase ("健全应急管理指挥体系。推进…"). */
  private addParagraphItem(kind: "task" | "project", paragraph: Line, sectionId: string): void {
    const phrase = leadPhrase(paragraph.norm) ?? "";
    const titleEnd = trackNormalization(paragraph.raw).originalLength(phrase.length);
    this.pushWorkItem(kind, { id: "", section: sectionId, number: "", title: removeStraySpaces(paragraph.raw.slice(0, titleEnd)), quote: paragraph.raw }, paragraph.raw, undefined);
  }

  private pushWorkItem(kind: "task" | "project", base: Omit<Task, "text" | "units" | "year">, fullText: string, continuousNumber: number | undefined): void {
    const { text, units } = splitUnits(fullText);
    const list = kind === "task" ? this.tasks : this.projects;
    const position = (this.itemsInSection[kind].get(base.section) ?? 0) + 1;
    this.itemsInSection[kind].set(base.section, position);
    const id = this.uniqueId(continuousNumber !== undefined ? `${kind}-${continuousNumber}` : `${kind}-${base.section.replace(/^s/u, "")}.${position}`);
    const year = latestYear(text);
    const item = { ...base, id, text: removeStraySpaces(text), ...(units === undefined ? {} : { units }), ...(year === undefined ? {} : { year }) };
    list.push(item);
    this.readTargets(text, item.section, "inline", item.id);
  }

  /** The 分项/分类/主要目标 part: its indicator table, then every target in its text. */
  private readGoals(node: Node, sectionId: string): void {
    const lines = [...(node.heading.runsOn ? [node.heading.line] : []), ...node.paragraphs];
    const tableAt = lines.findIndex((line) => line.norm === "序号");
    const tableLines = tableAt === -1 ? new Set<Line>() : this.readTable(lines.slice(tableAt), sectionId);
    // The goals' year: the period's end where the goal text names it (到2025年), else the first year it names
    // (a 2035 vision may come first).
    const stated = [...lines.map((line) => line.norm).join("").matchAll(/到(\d{4})年/gu)].map((match) => Number(match[1]));
    if (stated.length > 0 && this.goalYear === undefined) this.goalYear = stated.find((year) => year === this.periodEnd) ?? stated[0];
    const unitLine = lines.find((line) => isUnitLine(line.norm));
    const units = unitLine === undefined ? undefined : parseUnits(unitLine.norm);
    for (const line of lines) {
      if (tableLines.has(line) || line === unitLine) continue;
      this.readTargets(line.raw, sectionId, "goal", undefined, units);
    }
  }

  /** A table that arrives one cell per line: 序号 / 指标内容 / 预期值 / 指标性质 or 责任单位, then rows. */
  private readTable(lines: readonly Line[], sectionId: string): Set<Line> {
    const rowStart = lines.findIndex((line) => line.norm === "1");
    if (rowStart < 2) return new Set();
    const header = lines.slice(0, rowStart).map((line) => line.norm);
    const columns = header.length;
    const year = /(\d{4})年/u.exec(header.join(""))?.[1] ?? (this.goalYear === undefined ? undefined : String(this.goalYear));
    const used = new Set(lines.slice(0, rowStart));
    for (let at = rowStart, row = 1; at + columns <= lines.length && lines[at]?.norm === String(row); at += columns, row += 1) {
      const cells = lines.slice(at, at + columns);
      for (const cell of cells) used.add(cell);
      const cell = (name: RegExp) => cells[header.findIndex((title) => name.test(title))];
      const name = cell(/指标|名称|内容/u);
      const target = cell(/值|目标/u);
      if (name === undefined || target === undefined) break;
      const nature = cell(/性质|属性/u)?.norm;
      const unitCell = cell(/责任|单位/u);
      const units = unitCell === undefined ? undefined : parseUnits(unitCell.norm);
      this.indicators.push({
        id: this.uniqueId(`core-${row}`),
        section: sectionId,
        quote: this.text.slice(name.start, cells.at(-1)?.end ?? target.end),
        name: removeStraySpaces(name.raw),
        target: removeStraySpaces(target.raw),
        ...(nature === "约束性" ? { nature: "binding" as const } : nature === "预期性" ? { nature: "expected" as const } : {}),
        ...(year === undefined ? {} : { year: Number(year) }),
        ...(units === undefined ? {} : { units }),
        origin: "core",
      });
    }
    return used;
  }

  /** Every target in a text, one indicator each, named by the words before (or after) it. */
  private readTargets(text: string, sectionId: string, origin: "goal" | "inline", item?: string, units?: Units): void {
    let year = origin === "goal" ? (this.goalYear ?? this.planYear) : this.planYear;
    for (const clause of clausesOf(text)) {
      const { text: normalized, originalLength } = trackNormalization(clause);
      const reading = parseNormalizedTarget(normalized, year === undefined ? {} : { year });
      // A year a clause names carries on to the clauses after it (到2022年,A达到…,B达到…).
      const stated = /(\d{4})年/u.exec(normalized);
      if (stated !== null && Number(stated[1]) >= 2000 && Number(stated[1]) <= 2100) year = Number(stated[1]);
      let previousEnd = 0;
      for (const [position, target] of reading.targets.entries()) {
        // A clause is the quote, unless it runs on for pages (targets without a stop between them): then each
        // target quotes its own stretch, so that quotes, like the time to check them, stay in proportion.
        const quote = clause.length <= longestQuotedClause ? clause.trim() : clause.slice(originalLength(previousEnd), originalLength(target.span[1])).trim();
        const before = target.text.slice(previousEnd, target.span[0]);
        // The words after a target reach no further than the next target of the clause.
        const next = reading.targets[position + 1];
        const after = target.text.slice(target.span[1], next?.text === target.text ? next.span[0] : undefined);
        previousEnd = target.span[1];
        const { name: beforeName, baseline } = takeBaseline(cleanName(before, target.verb));
        // Named by the words before it, else after it (新增5个航空救援临时起降点), else by itself (一县一基地).
        const names = splitMeasures(beforeName || cleanName(after.split(/[、和]/u)[0] ?? "") || target.text.slice(target.span[0], target.span[1]));
        const written = removeStraySpaces(clause.slice(originalLength(target.span[0]), originalLength(target.span[1]))) || target.text.slice(target.span[0], target.span[1]);
        // A count that stands apart from its verb is written with it: 新增…体验馆26个 → 新增26个.
        const targetText = target.verb === undefined ? written : `${target.verb}${written}`;
        // A count written in Chinese numerals is a name or slogan (建设一个平台, 两个坚持), not a count to reach.
        if (target.extensive && !/[0-9０-９]/u.test(written)) continue;
        for (const name of names) {
          this.textIndicators[origin] += 1;
          this.indicators.push({
            id: this.uniqueId(`${origin}-${this.textIndicators[origin]}`),
            section: sectionId,
            quote,
            name,
            target: targetText,
            ...(target.year === undefined ? {} : { year: target.year }),
            ...(baseline === undefined ? {} : { baseline }),
            ...(units === undefined ? {} : { units }),
            origin,
            ...(item === undefined ? {} : { item }),
          });
        }
      }
    }
  }
}

/** The clauses of a text, split on the punctuation that ends one (，；。：), each as written. */
function clausesOf(text: string): string[] {
  return text.split(/[,，;；。:：]/u).filter((part) => part.trim() !== "");
}

const leadingNoise = /^(?:(?:到|至|在)?\d{4}年(?:底|末)?(?:前)?|力争|确保|基本|原则上|争取|其中|实现|使|并|且|、)+/u;

function cleanName(text: string, verb?: string): string {
  const name = text
    .replace(/["'“”‘’]/gu, "")
    .replace(leadingNoise, "")
    // The trailing run is tried from its start only, so a run inside the name costs one pass.
    .replace(/^[、\s]+|(?<![、\s])[、\s]+$/gu, "")
    .replace(/(?:要|应|均|的)$/u, "");
  // The verb of a count that stands apart from it is not part of the name: 新增 | 应急宣教体验馆 | 26个.
  const withoutVerb = verb !== undefined && name.includes(verb) ? name.slice(name.lastIndexOf(verb) + verb.length) : name;
  return withoutVerb.replace(/^(?:年底|年内|全年)/u, "");
}

// What a relative target is measured against: 同比前两年平均数, 较2020年, 比上年.
const baselinePhrase = /(?:同比|较|比)(前两年平均数|前三年平均数|上年|上一年|基期|\d{4}年)$/u;

function takeBaseline(name: string): { name: string; baseline?: string } {
  const match = baselinePhrase.exec(name);
  return match === null ? { name } : { name: name.slice(0, match.index), baseline: match[1] ?? "" };
}

// A list of measures sharing one target (建立率、参与率、会商率达到100%) becomes one indicator each.
const measureEnding = /(?:率|数|比例|占比|比重|人次|培训|复训|覆盖)$/u;

function splitMeasures(name: string): string[] {
  const split = (text: string, separator: string) => {
    const parts = text.split(separator).filter((part) => part !== "");
    return parts.length > 1 && parts.every((part) => measureEnding.test(part)) ? parts : [text];
  };
  // 和 joins the last two measures (装备率和有效投用率), 、 the rest.
  const and = name.lastIndexOf("和");
  const lastTwo = and === -1 ? [name] : [name.slice(0, and), name.slice(and + 1)];
  const parts = lastTwo.length === 2 && lastTwo.every((part) => measureEnding.test(part)) ? lastTwo : [name];
  return parts.flatMap((part) => split(part, "、")).filter((part) => part !== "");
}

/** The latest year a text names outside 《》 titles: the deadline of the work. */
function latestYear(text: string): number | undefined {
  let latest: number | undefined;
  for (const match of withoutBookTitles(normalizeText(text)).matchAll(/(\d{4})年/gu)) {
    const year = Number(match[1]);
    if (year >= 2000 && year <= 2100 && (latest === undefined || year > latest)) latest = year;
  }
  return latest;
}

/**
 * A text without its 《…》 titles, each from a 《 to the first 》 after it. Written as a loop: the pattern
 * 《[^》]*》 tries every 《 to the end of the text when no 》 follows.
 */
function withoutBookTitles(text: string): string {
  const kept: string[] = [];
  let from = 0;
  for (let open = text.indexOf("《"); open !== -1; open = text.indexOf("《", from)) {
    const close = text.indexOf("》", open);
    if (close === -1) break;
    kept.push(text.slice(from, open));
    from = close + 1;
  }
  kept.push(text.slice(from));
  return kept.join("");
}

// A trailing parenthesis (县应急局牵头,县财政局等按职责分工负责), and the words that make it name units. Found
// first and read after, so a long parenthesis full of 牵头 is not searched again from each of them.
const trailingParenthesis = /[(（]([^()（）]*)[)）][。.]?\s*$/u;
const unitWords = /牵\s*头|负\s*责|配\s*合/u;

function splitUnits(text: string): { text: string; units?: Units } {
  // Matched in simplified characters (牽頭 → 牵头); simplification keeps positions, so the cut applies to the text as written.
  const simplified = simplifyText(text);
  const match = simplified.length === text.length ? trailingParenthesis.exec(simplified) : trailingParenthesis.exec(text);
  if (match === null || !unitWords.test(match[1] ?? "")) return { text };
  const units = parseUnits(normalizeText(match[1] ?? ""));
  return { text: text.slice(0, match.index), ...(units === undefined ? {} : { units }) };
}

/** Reads "县应急局牵头,县安委会有关成员单位按职责分工负责" into lead and supporting units. */
export function parseUnits(norm: string): Units | undefined {
  const text = norm.replace(/[。.]$/u, "");
  const split = (part: string) => part.split(/[、和,]/u).map((unit) => unit.trim()).filter((unit) => unit !== "");
  const leadAt = text.indexOf("牵头");
  const lead = leadAt === -1 ? [] : split(text.slice(0, leadAt).replace(/^由/u, ""));
  const rest = leadAt === -1 ? text : text.slice(leadAt + 2).replace(/^[,，]/u, "");
  const supporting = split(rest.replace(/(?:按职责分工负责|按职责分工配合|配合|参与|负责)$/u, ""));
  if (lead.length === 0 && supporting.length === 0) return undefined;
  return { lead, supporting };
}

/**
 * The jurisdiction: its name as given or read from the title or issuer; its level and parent as given, else
 * from the national division table (原平市 → county under 忻州市), using the names written above it and the
 * plans the text cites to tell apart divisions of one name; for a name the table does not know, from the
 * bundled hierarchy or the cited plans. Where the document names none, or a name several divisions share
 * with nothing to choose between them, it is placed as well as the text allows and a warning says how.
 */
function settleJurisdiction(given: ExtractMeta["jurisdiction"], read: ReturnType<typeof readMetadata>): { jurisdiction: Plan["jurisdiction"]; warnings: string[] } {
  const withGiven = (found: Plan["jurisdiction"]): Plan["jurisdiction"] => ({
    name: found.name, level: given?.level ?? found.level, parent: given?.parent !== undefined ? given.parent : found.parent,
  });
  const levelHere = given?.level ?? read.jurisdiction?.level ?? "county";
  const citedAbove = (level: Level) => read.citedJurisdictions
    .filter((cited) => levelDepth[cited.level] < levelDepth[level])
    .sort((a, b) => levelDepth[b.level] - levelDepth[a.level])[0]?.name ?? (level === "province" ? "全国" : null);
  const name = given?.name ?? read.jurisdiction?.name;
  if (name === undefined) {
    const parent = given?.parent !== undefined ? given.parent : citedAbove(levelHere);
    return {
      jurisdiction: { name: unknownJurisdiction, level: levelHere, parent },
      warnings: [`no jurisdiction found in the title, issuer or notice: taken as an unknown ${levelHere}${parent === null ? "" : ` under ${parent}`}; give it (meta.jurisdiction, --jurisdiction, --level, --parent)`],
    };
  }
  const hints = [...(given?.parent == null ? [] : [given.parent]), ...(read.jurisdiction?.above ?? []), ...read.citedJurisdictions.map((cited) => cited.name)];
  const lookup = resolveDivision(name, hints);
  if (lookup.status === "found") return { jurisdiction: withGiven(toJurisdiction(lookup.division)), warnings: [] };
  if (lookup.status === "ambiguous") {
    if (given?.level !== undefined && given.parent !== undefined) return { jurisdiction: { name, level: given.level, parent: given.parent }, warnings: [] };
    const [chosen, ...others] = lookup.candidates as [Division, ...Division[]];
    const placement = (division: Division) => `${division.ancestors[0] ?? ""}${division.name} (${division.code})`;
    return {
      jurisdiction: withGiven(toJurisdiction(chosen)),
      warnings: [`${name} names ${lookup.candidates.length} divisions: ${lookup.candidates.map(placement).join(", ")}; placed under ${chosen.ancestors[0] ?? "全国"}, the first; where it is another, give the one above it (meta.jurisdiction.parent, --parent ${others[0]?.ancestors[0] ?? ""})`],
    };
  }
  const known = getHierarchy().jurisdictions.find((entry) => entry.name === name);
  if (known !== undefined) return { jurisdiction: withGiven({ name, level: known.level, parent: known.parent }), warnings: [] };
  const unknownName = given?.level === undefined && name !== "全国";
  return {
    jurisdiction: withGiven({ name, level: levelHere, parent: citedAbove(levelHere) }),
    warnings: unknownName ? [`${name} is not in the national division table: its level and parent are read from its name and the plans it cites; give them (--level, --parent) where they are wrong`] : [],
  };
}

/** The name a plan's jurisdiction is given where the document names none. */
const unknownJurisdiction = "（未知辖区）";
