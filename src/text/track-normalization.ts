import { normalizeCharacters } from "./normalize.js";
import { numeralRewrites, type NumeralRewrite } from "./numerals.js";

/** A text normalized by `normalizeText`, with the way back to the text as written. */
export interface TrackedNormalization {
  /** `normalizeText(original)`. */
  text: string;
  /**
   * The length of the shortest prefix of the original whose normalized form holds the first
   * `normalizedLength` characters of `text`. What is normalized together is taken whole: 十万 (100000),
   * a letter with its accents.
   */
  originalLength: (normalizedLength: number) => number;
}

/** A text and, for each length n of it, the length of the original that produced its first n characters. */
interface Tracked {
  text: string;
  ends: Int32Array;
}

// What NFKC may join to the character before it: combining marks, Hangul vowels and finals (also in their
// compatibility and half-width forms), half-width sound marks. A character with those after it is a piece of
// the original normalized on its own.
const joinsPrevious = /[\p{M}\u1160-\u11FF\u3131-\u318E\uFFA0-\uFFDC\uFF9E\uFF9F]/u;
// For each BMP character, learned on first sight: what it becomes on its own (NFKC can make many of one:
// ㎡ → m2) and whether it joins the character before it (-1 while not known).
const forms = new Array<string | undefined>(0x10000);
const joining = new Int8Array(0x10000).fill(-1);

/**
 * Normalizes a text as `normalizeText` does and keeps, for every length of the result, where it ends in the
 * text as written, so spans found in normalized text can be cut from the original. Linear in the length of
 * the text, however often `originalLength` is asked.
 *
 * @example
 * const { text, originalLength } = trackNormalization("新增 十万 人");
 * text; // "新增100000人"
 * originalLength(8); // 5: "新增 十万" as written
 */
export function trackNormalization(original: string): TrackedNormalization {
  const { text, ends } = numeralRewrites.reduce(replayRewrite, trackCharacters(original));
  return {
    text,
    originalLength: (normalizedLength) => (normalizedLength <= 0 ? 0 : normalizedLength > text.length ? original.length : (ends[normalizedLength] ?? original.length)),
  };
}

function trackCharacters(original: string): Tracked {
  const text = normalizeCharacters(original);
  const ends = new Int32Array(text.length + 1);
  let at = 0;
  for (let start = 0; start < original.length; ) {
    let end = start + codeUnitsAt(original, start);
    while (end < original.length && joinsPreviousAt(original, end)) end += codeUnitsAt(original, end);
    const form = formOf(original, start, end);
    // In context a piece may read differently (OpenCC's phrases: 乾淨 → 干净), never as more or fewer code points.
    const length = text.startsWith(form, at) ? form.length : lengthOfCodePoints(text, at, [...form].length);
    if (length === undefined) return asOnePiece(original, text);
    ends.fill(end, at + 1, at + length + 1);
    at += length;
    start = end;
  }
  return at === text.length ? { text, ends } : asOnePiece(original, text);
}

/**
 * Where pieces normalize together across the boundaries drawn here (a script this does not know), the count
 * goes off: the whole text is then one piece, coarse but never cutting short.
 */
function asOnePiece(original: string, text: string): Tracked {
  return { text, ends: new Int32Array(text.length + 1).fill(original.length, 1) };
}

const codeUnitsAt = (text: string, position: number): number => ((text.codePointAt(position) ?? 0) > 0xffff ? 2 : 1);

function joinsPreviousAt(text: string, position: number): boolean {
  const code = text.charCodeAt(position);
  if (codeUnitsAt(text, position) === 2) return joinsPrevious.test(text.slice(position, position + 2));
  if (joining[code] === -1) joining[code] = joinsPrevious.test(text.charAt(position)) ? 1 : 0;
  return joining[code] === 1;
}

/** What a piece of a text becomes when normalized on its own. */
function formOf(text: string, start: number, end: number): string {
  if (end - start > 1) return normalizeCharacters(text.slice(start, end));
  const code = text.charCodeAt(start);
  forms[code] ??= normalizeCharacters(text.charAt(start));
  return forms[code];
}

/** How many UTF-16 units `count` code points take in a text from a position on; undefined if it has fewer. */
function lengthOfCodePoints(text: string, start: number, count: number): number | undefined {
  let end = start;
  for (let taken = 0; taken < count; taken += 1) {
    if (end >= text.length) return undefined;
    end += codeUnitsAt(text, end);
  }
  return end - start;
}

/** Applies one numeral rewrite as `convertNumerals` does; a replacement ends where the text it replaced ends. */
function replayRewrite(input: Tracked, { pattern, rewrite }: NumeralRewrite): Tracked {
  const parts: string[] = [];
  const ends: number[] = [0];
  let copied = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(input.text); match !== null; match = pattern.exec(input.text)) {
    parts.push(input.text.slice(copied, match.index));
    for (let at = copied + 1; at <= match.index; at += 1) ends.push(input.ends[at] ?? 0);
    const replacement = rewrite(match[0], ...match.slice(1));
    copied = match.index + match[0].length;
    parts.push(replacement);
    for (let at = 0; at < replacement.length; at += 1) ends.push(input.ends[copied] ?? 0);
  }
  if (parts.length === 0) return input;
  parts.push(input.text.slice(copied));
  for (let at = copied + 1; at <= input.text.length; at += 1) ends.push(input.ends[at] ?? 0);
  return { text: parts.join(""), ends: Int32Array.from(ends) };
}
