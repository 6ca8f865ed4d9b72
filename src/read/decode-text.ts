import { analyse } from "chardet";
import { PlanLoadError } from "../model/plan-load-error.js";
import { readableFormats } from "./recognize-format.js";
import type { DocumentRead } from "./types.js";

/** Text bytes decoded: the text (without a byte-order mark) and how its encoding was known. */
export type DecodedText = Pick<DocumentRead, "text" | "encoding" | "encodingSource" | "notes">;

// Declarations are looked for here: a page's <meta charset> sits in its head, after at most some scripts.
const declarationWindow = 16 * 1024;
// Detection reads a sample: statistics settle long before, and a sample keeps a large file's cost bounded.
const detectionSample = 64 * 1024;

const byteOrderMarks: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

/**
 * Decodes the bytes of a text or HTML file. A byte-order mark decides first, then a charset the file declares
 * (`<meta charset>`, `<meta http-equiv … charset=…>`, `<?xml encoding=…?>`); GB2312 and GBK are decoded as
 * GB18030, their superset. Undeclared bytes that are valid UTF-8 are UTF-8; others are detected (chardet),
 * and the notes say so.
 *
 * @throws PlanLoadError naming the file: binary bytes, or bytes that are not the encoding declared or detected
 * (with the offset of the first byte that is not)
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const bom = byteOrderMarks.find((mark) => mark.bytes.every((byte, index) => bytes[index] === byte));
  if (bom !== undefined) {
    return { text: decodeStrictly(bytes.subarray(bom.bytes.length), bom.encoding, file, bom.bytes.length), encoding: bom.encoding, encodingSource: "bom", notes: [] };
  }
  refuseBinary(bytes, file);
  const declared = findDeclaredEncoding(bytes);
  const notes: string[] = [];
  if (declared !== undefined) {
    if (decodesAs(bytes, declared)) return { text: decode(bytes, declared), encoding: declared, encodingSource: "declared", notes };
    notes.push(`the file declares ${declared}, but its bytes are not ${declared}`);
  }
  if (decodesAs(bytes, "utf-8")) return { text: decode(bytes, "utf-8"), encoding: "utf-8", encodingSource: "detected", notes };
  // UTF-8 text with a broken byte is refused, not guessed at: another encoding would read it as nonsense.
  const invalidAt = firstInvalidByte(bytes, "utf-8");
  if (countCharactersBeyondAscii(bytes.subarray(0, invalidAt)) >= utf8Evidence) throw notEncoding("utf-8", invalidAt, bytes[invalidAt], file);
  const detected = detectEncoding(bytes.subarray(0, detectionSample));
  if (detected === undefined) {
    const hex = (bytes[invalidAt] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    throw new PlanLoadError(file, [{ path: "", message: `not UTF-8, GB18030 or Big5: byte ${invalidAt} (0x${hex}) does not start a valid UTF-8 character; save the file as UTF-8` }]);
  }
  notes.push(`encoding detected as ${detected.encoding} (${detected.confidence}% confidence), none being declared; if the text reads wrong, save the file as UTF-8`);
  return { text: decodeStrictly(bytes, detected.encoding, file, 0), encoding: detected.encoding, encodingSource: "detected", notes };
}

/**
 * The encoding a page or XML file declares in its first bytes, as a TextDecoder label: GB2312 and GBK as
 * gb18030. A label TextDecoder does not know, or UTF-16 (which an ASCII declaration cannot truly state), is
 * no declaration.
 */
function findDeclaredEncoding(bytes: Uint8Array): string | undefined {
  // Declarations are ASCII: latin1 maps each byte to one character whatever the real encoding.
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, declarationWindow));
  const label =
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?<label>[\w.:-]+)/iu.exec(head)?.groups?.label ??
    /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["'](?<label>[\w.:-]+)["']/iu.exec(head)?.groups?.label;
  if (label === undefined) return undefined;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  if (encoding.startsWith("utf-16")) return undefined;
  return encoding === "gbk" ? "gb18030" : encoding;
}

/** Whether the bytes are all valid in the encoding. */
function decodesAs(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const decode = (bytes: Uint8Array, encoding: string) => new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);

/** Decodes, refusing bytes that are not the encoding: a U+FFFD in place of them would end up in quotes. */
function decodeStrictly(bytes: Uint8Array, encoding: string, file: string, offset: number): string {
  if (decodesAs(bytes, encoding)) return decode(bytes, encoding);
  const invalidAt = firstInvalidByte(bytes, encoding);
  throw notEncoding(encoding, offset + invalidAt, bytes[invalidAt], file);
}

/** The refusal of bytes that are not the encoding, naming the offset (in the file) and the first such byte. */
function notEncoding(encoding: string, at: number, byte: number | undefined, file: string): PlanLoadError {
  const hex = (byte ?? 0).toString(16).toUpperCase().padStart(2, "0");
  return new PlanLoadError(file, [{ path: "", message: `not ${encoding.toUpperCase()}: byte ${at} (0x${hex}) does not start a valid character; save the file as UTF-8` }]);
}

// Characters beyond ASCII, each valid UTF-8, before the first byte that is not: GBK or Big5 text makes one or
// two by chance at most, so this many say the file is UTF-8 with a broken byte.
const utf8Evidence = 4;

/** Characters beyond ASCII in valid UTF-8: their lead bytes. */
function countCharactersBeyondAscii(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if (byte >= 0xc0) count += 1;
  return count;
}

/**
 * The offset of the first byte that does not decode, by halving: a prefix decodes (in streaming mode, which
 * holds back a character cut at its end) exactly when no error lies inside it. Works for any encoding.
 */
function firstInvalidByte(bytes: Uint8Array, encoding: string): number {
  const prefixDecodes = (length: number) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (prefixDecodes(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

// Control bytes that text does not hold (all below 0x20 but tab, line and page breaks and escape), or NUL:
// more than a few and the file is binary, not text in another encoding.
function refuseBinary(bytes: Uint8Array, file: string): void {
  const sample = bytes.subarray(0, detectionSample);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) throw new PlanLoadError(file, [{ path: "", message: `binary, not text (it holds NUL bytes), in a format plan-align does not know. ${readableFormats}` }]);
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x0b && byte !== 0x1b) controls += 1;
  }
  if (controls > sample.length / 100) {
    throw new PlanLoadError(file, [{ path: "", message: `binary, not text (it holds control bytes), in a format plan-align does not know. ${readableFormats}` }]);
  }
}

// Chinese plans are written in these when not in UTF-8 (a tie between them, as short samples often give, goes
// to the first): a guess of a Latin or Japanese encoding would read a broken file as nonsense, not refuse it.
const chineseEncodings = ["gb18030", "big5"];

/** The likeliest Chinese encoding that decodes the sample without error, as a TextDecoder label. */
function detectEncoding(sample: Uint8Array): { encoding: string; confidence: number } | undefined {
  const candidates = analyse(sample).flatMap(({ name, confidence }) => {
    try {
      const decoderName = new TextDecoder(name).encoding;
      const encoding = decoderName === "gbk" ? "gb18030" : decoderName;
      if (!chineseEncodings.includes(encoding)) return [];
      // The sample may end inside a character: streaming mode holds that back instead of failing.
      new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
      return [{ encoding, confidence }];
    } catch {
      return [];
    }
  });
  const best = candidates[0]?.confidence;
  const tied = candidates.filter(({ confidence }) => confidence === best);
  return tied.find(({ encoding }) => encoding === chineseEncodings[0]) ?? tied[0];
}
