import diff from "fast-diff";
import { checkTexts } from "../model/input-error.js";

/** One run of a word-level difference: kept in both, only in the reference (removed), or only in the subject (added). */
export interface DiffPart {
  type: "same" | "removed" | "added";
  text: string;
}

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

/**
 * Word-level differences between two texts: each word (by Intl.Segmenter) is mapped to one private-use
 * character, fast-diff compares those, and the runs are mapped back, so a difference never splits a word.
 *
 * @example
 * diffWords("下降20%", "下降10%");
 * // [{ type: "same", text: "下降" }, { type: "removed", text: "20" }, { type: "added", text: "10" }, { type: "same", text: "%" }]
 */
export function diffWords(reference: string, subject: string): DiffPart[] {
  checkTexts("diffWords", { reference, subject });
  const words: string[] = [];
  const codes = new Map<string, string>();
  const encode = (text: string) =>
    [...segmenter.segment(text)]
      .map(({ segment }) => {
        let code = codes.get(segment);
        if (code === undefined) {
          code = String.fromCodePoint(0xf0000 + words.length); // Supplementary Private Use Area-A: never in plan text
          codes.set(segment, code);
          words.push(segment);
        }
        return code;
      })
      .join("");
  const decode = (encoded: string) => [...encoded].map((code) => words[(code.codePointAt(0) ?? 0xf0000) - 0xf0000] ?? "").join("");
  const types = { [diff.EQUAL]: "same", [diff.DELETE]: "removed", [diff.INSERT]: "added" } as const;
  return diff(encode(reference), encode(subject)).map(([operation, text]) => ({ type: types[operation], text: decode(text) }));
}
