import labels from "../../data/report/labels.json";
import { deepFreeze } from "../_lib/deep-freeze.js";

/** Report languages: Chinese (the default) and English. */
export type ReportLanguage = "zh" | "en";

export type Labels = (typeof labels)["zh"];

/** The report words of a language (data/report/labels.json). */
export function getLabels(lang: ReportLanguage): Labels {
  return frozenLabels[lang];
}

const frozenLabels = deepFreeze(labels);
