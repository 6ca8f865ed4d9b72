import { PlanLoadError } from "./errors.js";

/**
 * Decodes a file's bytes as UTF-8, without its byte-order mark. Bytes that are not UTF-8 are refused with
 * their offset: replaced by U+FFFD, they would put characters no document has into names and quotes.
 *
 * @throws PlanLoadError naming the file and the offset of the first byte that is not UTF-8
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  // Decoded leniently, each sequence that is not UTF-8 becomes one U+FFFD, and the text before it stands
  // for exactly the bytes before it. A U+FFFD the file itself holds (EF BF BD) is a character like any other.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let from = 0;
  for (let index = text.indexOf("\uFFFD"); index !== -1; index = text.indexOf("\uFFFD", from)) {
    offset += Buffer.byteLength(text.slice(from, index));
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) {
      const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
      throw new PlanLoadError(file, [{ path: "", message: `not UTF-8: byte ${offset} (0x${byte}) does not start a valid character; save the file as UTF-8` }]);
    }
    offset += 3;
    from = index + 1;
  }
  return text.replace(/^\uFEFF/u, "");
}
