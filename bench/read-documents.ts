// Reading documents, per format, beside reading the same documents as UTF-8 text, in the same run: how many
// documents a second each reader takes, and for PDF (the slowest) what share of reading, extracting and
// auditing a document reading is, as audit-all over a folder of PDFs pays it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { auditPlan, extractPlan } from "../src/index.js";
import { readDocument } from "../src/node.js";

const root = path.join(import.meta.dirname, "..");
const ids = ["daixian", "nanyang"] as const;
const formats = [
  ["UTF-8 text (baseline)", (id: string) => path.join(root, "data", "sources", `${id}.txt`)],
  ["GBK text", (id: string) => path.join(root, "tests", "fixtures", "formats", `${id}.gbk.txt`)],
  ["GB2312 page", (id: string) => path.join(root, "tests", "fixtures", "formats", `${id}.gb2312.html`)],
  ["Word .docx", (id: string) => path.join(root, "tests", "fixtures", "formats", `${id}.docx`)],
  ["Word .doc", (id: string) => path.join(root, "tests", "fixtures", "formats", `${id}.doc`)],
  ["PDF (A4, printed by Chromium)", (id: string) => path.join(root, "tests", "fixtures", "formats", `${id}.pdf`)],
] as const;

/** The median time of reading every document of a format, after one read to warm up (pdf.js loads once). */
async function medianReadMs(files: readonly Uint8Array[], runs: number): Promise<number> {
  const readAll = async () => {
    for (const bytes of files) await readDocument(bytes);
  };
  await readAll();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await readAll();
    times.push(performance.now() - start);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
}

export interface FormatReading {
  format: string;
  documentsPerSecond: number;
  /** Time to read a document of this format ÷ time to read it as UTF-8 text, in the same run. */
  timesBaseline: number;
}

export interface DocumentReading {
  formats: FormatReading[];
  /** For the PDFs: reading's share of reading + extracting + auditing them against the plans above. */
  pdfReadShare: number;
}

/** Reads the two real documents in every format (tests/fixtures/formats/) and times each. */
export async function benchReadDocuments(runs = 5): Promise<DocumentReading> {
  const timings: Array<[string, number]> = [];
  for (const [format, fileOf] of formats) {
    const files = ids.map((id) => new Uint8Array(readFileSync(fileOf(id))));
    timings.push([format, await medianReadMs(files, runs)]);
  }
  const baseline = timings[0]?.[1] ?? Number.NaN;
  const pdfs = ids.map((id) => new Uint8Array(readFileSync(path.join(root, "tests", "fixtures", "formats", `${id}.pdf`))));
  const texts = await Promise.all(pdfs.map(async (bytes) => (await readDocument(bytes)).text));
  const start = performance.now();
  for (const [index, text] of texts.entries()) auditPlan(extractPlan(text, { id: ids[index] ?? "pdf" }).plan);
  const extractAndAuditMs = performance.now() - start;
  const pdfReadMs = timings.at(-1)?.[1] ?? Number.NaN;
  return {
    formats: timings.map(([format, ms]) => ({ format, documentsPerSecond: round(ids.length / (ms / 1000)), timesBaseline: round(ms / baseline) })),
    pdfReadShare: round(pdfReadMs / (pdfReadMs + extractAndAuditMs)),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
