import { normalizeText } from "../text/normalize.js";

/** A line of the document with its place in the text and the forms the extractor reads. */
export interface Line {
  /** Index of the line. */
  index: number;
  /** Offset of its first non-blank character in the document text. */
  start: number;
  /** Offset just after its last non-blank character. */
  end: number;
  /** The line as written, trimmed. */
  raw: string;
  /** The line normalized (simplified, NFKC, no spaces): what patterns are matched on. */
  norm: string;
}

/** Splits document text into non-blank lines with their offsets. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const part of text.split("\n")) {
    const leading = part.length - part.trimStart().length;
    const raw = part.trim();
    if (raw !== "") {
      lines.push({ index: lines.length, start: offset + leading, end: offset + leading + raw.length, raw, norm: normalizeText(raw) });
    }
    offset += part.length + 1;
  }
  return lines;
}

/** Removes the spaces that scraping leaves inside Chinese words ("调 查"), keeping those between Latin words. */
export function removeStraySpaces(text: string): string {
  return text
    .replace(/[\s\u00a0\u3000]+/gu, (space, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? "";
      const after = whole[offset + space.length] ?? "";
      return /[A-Za-z]/u.test(before) && /[A-Za-z]/u.test(after) ? " " : "";
    })
    .trim();
}
