import type { Completeness, PlanKind } from "../model/plan.js";
import { roleOfTitle } from "../model/section-roles.js";
import type { Line } from "./lines.js";
import { readHeading, readNumbering } from "./structure.js";

// Web copies are often cut off after their first pages. A cut leaves marks: the text stops inside a
// sentence or right after a heading, parts the document announces (in a table of contents) never come, or a
// plan lacks the closing part every plan of its kind has. Where none of these shows, the copy is whole.

// A sentence, a list item or a signature ends with one of these; a cut leaves anything else. A closing quote
// ends a sentence only after a stop inside it (……。”): 深刻领悟“两个确立” is cut before its verb's object ends.
const sentenceEnd = /(?:[。！？!?；;：:)）》…]|[。！？!?][”"’'」』])$/u;
// Lines that end a document without a full stop: the date under its signature, a note on how it is made public.
const closingLine = /^(?:\d{4}年\d{1,2}月\d{1,2}日|\(此件[^)]*\))$/u;

/**
 * How complete a document is: undefined when it shows no mark of a cut, else the reasons and the line it
 * ends with (as written).
 *
 * @param head - the lines before the body: a line 目录 there means the body opens with a table of contents
 * @param body - the lines from the first heading to the end of the document proper
 * @param hasFirstPart - whether the document has a line that opens its first part (一、 or 第一章)
 */
export function readCompleteness(head: readonly Line[], body: readonly Line[], kind: PlanKind | null, hasFirstPart: boolean): Completeness | undefined {
  const { announced, text } = splitContents(head, body);
  const last = text.at(-1) ?? body.at(-1);
  if (last === undefined) return undefined;
  const reasons: Completeness["reasons"] = [];
  // Every plan is written in parts; a copy without its first part stops before it, whatever its last line.
  if (!hasFirstPart) reasons.push("ends-before-first-part");
  const heading = readHeading(last);
  if (isBareNumbering(last) || (heading !== undefined && !heading.runsOn && !sentenceEnd.test(last.norm))) reasons.push("ends-after-heading");
  else if (!sentenceEnd.test(last.norm) && !closingLine.test(last.norm)) reasons.push("ends-mid-sentence");
  const present = new Set(text.map((line) => withoutPageNumber(line.norm)));
  const missingParts = announced.filter((part) => !present.has(part));
  if (missingParts.length > 0) reasons.push("announced-parts-missing");
  if (kind !== null && closesWithSafeguards.has(kind) && !endsWithClosingPart(text)) reasons.push("closing-part-missing");
  if (reasons.length === 0) return undefined;
  return { reasons, endsWith: last.raw, ...(missingParts.length === 0 ? {} : { missingParts }) };
}

/**
 * A table of contents at the head of the body: its part headings (一、二、…), and the text after it, which
 * starts where 一、 comes again. Without a line 目录 before the body, all of the body is text.
 */
function splitContents(head: readonly Line[], body: readonly Line[]): { announced: string[]; text: readonly Line[] } {
  if (!head.some((line) => /^目录$/u.test(line.norm))) return { announced: [], text: body };
  const isPart = (line: Line) => readHeading(line)?.numbering.style === "cn";
  const restart = body.findIndex((line, index) => index > 0 && isPart(line) && readHeading(line)?.numbering.value === 1);
  const contents = restart === -1 ? body : body.slice(0, restart);
  return { announced: contents.filter(isPart).map((line) => withoutPageNumber(line.norm)), text: restart === -1 ? [] : body.slice(restart) };
}

// Five-year plans and implementation plans end with the part that says how they are carried out (保障措施,
// 组织实施, 工作要求); annual work points often do not.
const closesWithSafeguards = new Set<PlanKind>(["five-year-plan", "implementation-plan"]);

function endsWithClosingPart(text: readonly Line[]): boolean {
  const lastPart = [...text].reverse().find((line) => readHeading(line)?.numbering.style === "cn");
  return lastPart !== undefined && roleOfTitle(lastPart.norm) === "safeguards";
}

/** A line that is nothing but a number, (1) or 3、: the item after it was cut away. */
const isBareNumbering = (line: Line) => readNumbering(line.norm)?.length === line.norm.length;

// Tables of contents often end their entries with leader dots and a page number: 一、发展基础……1. The page
// number, then the dots, each taken as one run from its start, so a run inside the line costs one pass.
const withoutPageNumber = (norm: string) => norm.replace(/(?<!\d)\d+$/u, "").replace(/(?<![.…·])[.…·]+$/u, "");
