// The PDF reader: pdf.js (pdfjs-dist, legacy build for Node 20) finds the text placed on each page; the
// layout (./pdf-layout.ts) turns it into paragraphs and table rows. pdf.js is imported when a PDF is read,
// not when the module loads, so reading other formats does not pay for it.
import { createRequire } from "node:module";
import path from "node:path";
import radicalTable from "../../data/text/radical-equivalents.json";
import { PlanLoadError } from "../load/errors.js";
import { layOutPages, type PageText, type PlacedText } from "./pdf-layout.js";
import type { ReadLimits } from "./types.js";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

const radicalEquivalents: Readonly<Record<string, string>> = radicalTable.equivalents;
// Kangxi radicals and compatibility ideographs, which NFKC maps to the unified ideographs; the CJK Radicals
// Supplement, which it does not (the table does). Fonts give one glyph to a radical and its ideograph, so a
// PDF's text can say ⼈ or ⻛ where the page shows 人 or 风.
const radicalOrCompatibility = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/gu;

const ocrAdvice = "run OCR on it first (for example `ocrmypdf --language chi_sim in.pdf out.pdf`) or read the Word original instead";

/**
 * Reads the text of a PDF: one paragraph per line (lines wrapped at the page width joined again, across pages
 * too), table cells one per line in row order with a blank line after each table, page numbers and running
 * heads and feet dropped. Chinese text in CID fonts with predefined CMaps comes out as Unicode.
 *
 * @param bytes the file's bytes, starting with `%PDF-`; not modified
 * @param limits refuses a PDF with more than `maxPages` pages before reading any, and text longer than
 *   `maxTextLength`
 * @param file the name errors give
 * @throws PlanLoadError when the PDF is encrypted, malformed, too long, or has no text layer (a scan)
 * @example
 * const { text, pages } = await readPdf(new Uint8Array(readFileSync("plan.pdf")), limits, "plan.pdf");
 */
export async function readPdf(bytes: Uint8Array, limits: ReadLimits, file: string): Promise<{ text: string; pages: number; notes: string[] }> {
  const refuse = (message: string): PlanLoadError => new PlanLoadError(file, [{ path: "", message }]);
  const pdfjs = await importPdfJs();
  const loadingTask = pdfjs.getDocument({
    // pdf.js may hand the buffer to its worker; a copy leaves the caller's bytes as they were.
    data: new Uint8Array(bytes),
    ...packagedData(),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    stopAtErrors: false,
  });
  try {
    const document = await openDocument(loadingTask.promise, pdfjs, refuse);
    if (document.numPages > limits.maxPages) {
      throw refuse(`has ${document.numPages} pages, more than the ${limits.maxPages} a PDF may have here: split it, or raise the page limit.`);
    }
    const pages: PageText[] = [];
    const pagesWithoutText: number[] = [];
    let textLength = 0;
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await readPage(document, number, refuse);
      textLength += page.texts.reduce((sum, placed) => sum + placed.text.length, 0);
      if (textLength > limits.maxTextLength) {
        throw refuse(`has more than ${limits.maxTextLength} characters of text, the most a document may have here.`);
      }
      if (page.texts.length === 0) pagesWithoutText.push(number);
      pages.push(page);
    }
    if (pagesWithoutText.length === document.numPages) {
      throw refuse(`has no text layer (it is a scan, or its text was drawn as images), so there is nothing to read: ${ocrAdvice}.`);
    }
    const { text, notes } = layOutPages(pages);
    if (text.length > limits.maxTextLength) {
      throw refuse(`has ${text.length} characters of text, more than the ${limits.maxTextLength} a document may have here.`);
    }
    if (pagesWithoutText.length > 0) {
      notes.unshift(`Page${pagesWithoutText.length === 1 ? "" : "s"} ${pagesWithoutText.join(", ")} ha${pagesWithoutText.length === 1 ? "s" : "ve"} no text (scanned?) and ${pagesWithoutText.length === 1 ? "was" : "were"} skipped: to read ${pagesWithoutText.length === 1 ? "it" : "them"}, ${ocrAdvice}.`);
    }
    return { text, pages: document.numPages, notes };
  } finally {
    await loadingTask.destroy();
  }
}

// On Node, pdf.js takes DOMMatrix and friends from its optional dependency @napi-rs/canvas and fails to load
// without it (an install with --omit=optional): say so rather than fail with "DOMMatrix is not defined".
async function importPdfJs(): Promise<PdfJs> {
  try {
    const nativePush = Array.prototype.push;
    const nativeJsonParse = JSON.parse;
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    // Loaded here rather than by pdf.js's first document, so that both bundles have run by the next line.
    await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    // The legacy bundles' core-js replaces two built-ins whose native versions are right for all pdf.js asks
    // of them (push over a spec nuance of read-only lengths, JSON.parse for a proposal's source access) with
    // script versions: a PDF read a fifth slower, and the rest of the process too. The features it adds
    // (Promise.withResolvers and the like) stay.
    Array.prototype.push = nativePush;
    JSON.parse = nativeJsonParse;
    return pdfjs;
  } catch (error) {
    throw new Error(`PDF reading needs pdfjs-dist with its optional dependency @napi-rs/canvas; reinstall without --omit=optional (${describe(error)}).`, { cause: error });
  }
}

/**
 * Where pdf.js finds the CMaps of CID fonts (UniGB-UCS2-H and the like, which Chinese PDFs use) and the
 * standard fonts' metrics: the files packaged with pdfjs-dist, found from this module so that the same code
 * works from src/ and from the bundled dist/ (which keeps pdfjs-dist external).
 */
function packagedData(): { cMapUrl: string; cMapPacked: true; standardFontDataUrl: string } {
  const packageFolder = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")).replaceAll("\\", "/");
  return { cMapUrl: `${packageFolder}/cmaps/`, cMapPacked: true, standardFontDataUrl: `${packageFolder}/standard_fonts/` };
}

async function openDocument(opening: Promise<PdfDocument>, pdfjs: PdfJs, refuse: (message: string) => PlanLoadError): Promise<PdfDocument> {
  try {
    return await opening;
  } catch (error) {
    // pdf.js does not export PasswordException; its name is its documented tag.
    if (error instanceof Error && error.name === "PasswordException") {
      throw refuse("is encrypted with a password, so its text cannot be read: open it with the password and save an unprotected copy (for example `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), or read the Word original instead.");
    }
    if (error instanceof pdfjs.InvalidPDFException) {
      throw refuse(`is not a readable PDF (${describe(error)}): it may be damaged or cut short; download it again or read the Word original instead.`);
    }
    throw refuse(`could not be read as a PDF (${describe(error)}): it may be damaged or cut short; download it again or read the Word original instead.`);
  }
}

async function readPage(document: PdfDocument, number: number, refuse: (message: string) => PlanLoadError): Promise<PageText> {
  let page: PdfPage;
  let items: Awaited<ReturnType<PdfPage["getTextContent"]>>["items"];
  try {
    page = await document.getPage(number);
    items = (await page.getTextContent()).items;
  } catch (error) {
    throw refuse(`page ${number} could not be read (${describe(error)}): the PDF may be damaged; download it again or read the Word original instead.`);
  }
  const viewport = page.getViewport({ scale: 1 });
  const texts: PlacedText[] = [];
  for (const item of items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    // Into the page's own orientation, y down: the viewport applies the crop box and any /Rotate.
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
    const [va = 1, vb = 0, vc = 0, vd = 1, ve = 0, vf = 0] = viewport.transform;
    texts.push({
      text: item.str.replace(radicalOrCompatibility, toUnifiedIdeograph),
      x: va * e + vc * f + ve,
      baseline: vb * e + vd * f + vf,
      width: item.width,
      size: Math.hypot(va * c + vc * d, vb * c + vd * d) || Math.hypot(a, b),
    });
  }
  page.cleanup();
  return { width: viewport.width, height: viewport.height, texts };
}

function toUnifiedIdeograph(character: string): string {
  return radicalEquivalents[character] ?? character.normalize("NFKC");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
