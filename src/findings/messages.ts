import { getLabels, type ReportLanguage } from "../report/labels.js";
import type { FindingKind } from "./types.js";

/** Fills a finding kind's message template (data/report/labels.json) with its values. */
export function formatMessage(kind: FindingKind, lang: ReportLanguage, values: Readonly<Record<string, string>>): string {
  const template = getLabels(lang).messages[kind];
  return template.replace(/\{(\w+)\}/gu, (_, name: string) => values[name] ?? "");
}
