import { listZipEntries } from "./unzip.js";

/** What a file's first bytes (and, for a zip or OLE container, its parts) show it to be. */
export type Recognized =
  | { kind: "pdf" }
  | { kind: "docx"; entries: readonly string[] }
  | { kind: "doc" }
  | { kind: "text" }
  | { kind: "refused"; message: string };

/** What plan-align reads, said in every refusal. */
export const readableFormats = "plan-align reads PDF, Word (.docx, .doc), HTML pages and text files (UTF-8, UTF-16, GB18030/GBK/GB2312, Big5)";

const refuse = (what: string, advice: string): Recognized => ({ kind: "refused", message: `${what}: ${advice}. ${readableFormats}` });

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

const imageAdvice = "an image holds no text to quote; run it through OCR, or find the plan as PDF, Word or a web page";
const archiveAdvice = "unpack it and give the plan's own file";

const images: ReadonlyArray<{ name: string; test: (bytes: Uint8Array) => boolean }> = [
  { name: "PNG", test: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { name: "JPEG", test: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  { name: "GIF", test: (bytes) => startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a")) },
  { name: "TIFF", test: (bytes) => startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) },
  { name: "WebP", test: (bytes) => startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8) },
  // "BM" alone starts text too: a bitmap also states its own length in the next four bytes.
  { name: "BMP", test: (bytes) => startsWith(bytes, ascii("BM")) && bytes.length >= 6 && new DataView(bytes.buffer, bytes.byteOffset).getUint32(2, true) === bytes.length },
];

const archives: ReadonlyArray<{ name: string; signature: readonly number[] }> = [
  { name: "a RAR archive", signature: [...ascii("Rar!"), 0x1a, 0x07] },
  { name: "a 7z archive", signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: "a gzip archive", signature: [0x1f, 0x8b] },
];

/**
 * Recognises a file by its content, not its name: a PDF, a Word file (.docx, or .doc in an OLE container),
 * else text; and what it is when plan-align cannot read it (OFD, images, archives, spreadsheets,
 * presentations), so that the refusal can say what to do.
 */
export function recognizeFormat(bytes: Uint8Array, file: string): Recognized {
  // A PDF may have bytes before its header; readers look in the first kilobyte.
  if (indexOf(bytes.subarray(0, 1024), ascii("%PDF-")) !== -1) return { kind: "pdf" };
  if (startsWith(bytes, ascii("PK")) && (startsWith(bytes, [3, 4], 2) || startsWith(bytes, [5, 6], 2))) return recognizeZip(listZipEntries(bytes, file));
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return recognizeOle(bytes);
  const image = images.find(({ test }) => test(bytes));
  if (image !== undefined) return refuse(`a ${image.name} image`, imageAdvice);
  const archive = archives.find(({ signature }) => startsWith(bytes, signature));
  if (archive !== undefined) return refuse(archive.name, archiveAdvice);
  if (startsWith(bytes, ascii("{\\rtf"))) return refuse("an RTF document", "open it in Word or WPS and save it as .docx");
  return { kind: "text" };
}

function recognizeZip(entries: readonly string[]): Recognized {
  const has = (name: string) => entries.includes(name);
  const under = (folder: string) => entries.some((name) => name.startsWith(folder));
  if (has("word/document.xml")) return { kind: "docx", entries };
  if (has("OFD.xml")) return refuse("an OFD document", "open it in an OFD reader (数科, 福昕) and save it as PDF or Word");
  if (under("xl/")) return refuse("an Excel workbook (.xlsx)", "a spreadsheet is not a plan; save the plan itself as PDF or Word");
  if (under("ppt/")) return refuse("a PowerPoint presentation (.pptx)", "save the plan itself as PDF or Word");
  if (has("content.xml") && has("mimetype")) return refuse("an OpenDocument file (.odt, .ods, .odp)", "open it in LibreOffice or WPS and save it as .docx");
  return refuse("a zip archive", archiveAdvice);
}

// The OLE container's directory names its streams in UTF-16: enough to tell Word from Excel and PowerPoint
// without reading the container's allocation tables.
function recognizeOle(bytes: Uint8Array): Recognized {
  const hasStream = (name: string) => indexOf(bytes, [...name].flatMap((character) => [character.charCodeAt(0), 0])) !== -1;
  if (hasStream("WordDocument")) return { kind: "doc" };
  if (hasStream("Workbook") || hasStream("Book")) return refuse("an Excel workbook (.xls)", "a spreadsheet is not a plan; save the plan itself as PDF or Word");
  if (hasStream("PowerPoint Document")) return refuse("a PowerPoint presentation (.ppt)", "save the plan itself as PDF or Word");
  return refuse("an OLE compound file that is not a Word document (an old WPS file, perhaps)", "open it in WPS or Word and save it as .docx");
}

/** Where a byte sequence first occurs, or -1. */
function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  const first = needle[0];
  if (first === undefined) return 0;
  for (let at = bytes.indexOf(first); at !== -1 && at + needle.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    if (startsWith(bytes, needle, at)) return at;
  }
  return -1;
}
