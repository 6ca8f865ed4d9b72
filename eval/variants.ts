// Copies of the sources as they also circulate: in traditional characters, with full-width digits and
// punctuation, with Windows line breaks. Extraction must read each as it reads the original.
import * as OpenCC from "opencc-js/cn2t";
import type { Plan } from "../src/model/plan.js";
import { normalizeText } from "../src/text/normalize.js";

const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });

export const variants: Record<string, (text: string) => string> = {
  traditional: (text) => toTraditional(text),
  "full-width": (text) => text.replace(/[!-~]/gu, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0)),
  crlf: (text) => text.replace(/\n/gu, "\r\n"),
};

/** A plan without its quotes, every text field normalized: what must not change between copies. */
export function comparableForm(plan: Plan): unknown {
  const text = (value: string | null | undefined) => (value === null || value === undefined ? value : normalizeText(value));
  const units = (value: { lead: string[]; supporting: string[] } | undefined) =>
    value === undefined ? undefined : { lead: value.lead.map(normalizeText), supporting: value.supporting.map(normalizeText) };
  return {
    title: text(plan.title),
    issuer: text(plan.issuer),
    documentNumber: text(plan.documentNumber),
    issueDate: plan.issueDate,
    kind: plan.kind,
    period: plan.period,
    jurisdiction: plan.jurisdiction,
    sections: plan.sections.map((section) => [section.id, section.parent, text(section.number), text(section.title)]),
    indicators: plan.indicators.map((item) => [item.id, item.section, text(item.name), text(item.target), item.year, item.nature, units(item.units), item.item]),
    tasks: plan.tasks.map((item) => [item.id, item.section, text(item.title), text(item.text), item.year, units(item.units)]),
    projects: plan.projects.map((item) => [item.id, item.section, text(item.title), text(item.text), item.year, units(item.units)]),
    omissions: plan.omissions.map((item) => [item.id, item.section, text(item.what)]),
  };
}
