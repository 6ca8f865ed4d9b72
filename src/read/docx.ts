import { PlanLoadError } from "../model/plan-load-error.js";
import { WordNumbering, type ParagraphNumbering } from "./docx-numbering.js";
import type { ReadLimits } from "./types.js";
import { unpackZipEntries } from "./unzip.js";
import { parseXmlPart } from "./xml.js";

const documentPart = "word/document.xml";
const numberingPart = "word/numbering.xml";
const stylesPart = "word/styles.xml";

// What is not the document's text as it reads: deleted text and its paragraph marks, field codes, the old
// formatting of tracked changes, and the VML copy of a drawing that the newer copy beside it already holds.
const skippedElements = new Set(["w:del", "w:delText", "w:instrText", "w:pPrChange", "w:rPrChange", "mc:Fallback"]);

interface Paragraph extends ParagraphNumbering {
  text: string;
  /** Runs open in it: a text box's paragraphs sit inside a run of the paragraph that anchors them. */
  runs: number;
}

/**
 * Reads a .docx file's text as the other sources arrive: one paragraph per line, its automatic number as
 * Word shows it (一、, （一）, 1.), and tables as tables: each cell's text on a line of its own, row by row,
 * then a blank line. Text boxes are read where they are anchored; headers, footers and notes are not read.
 *
 * @throws PlanLoadError naming the file and the part: a zip bomb, a damaged archive or malformed XML
 */
export function readDocx(bytes: Uint8Array, limits: ReadLimits, file: string): string {
  const parts = unpackZipEntries(bytes, new Set([documentPart, numberingPart, stylesPart]), limits.maxUnpackedBytes, file);
  const xml = (name: string) => {
    const part = parts.get(name);
    return part === undefined ? undefined : new TextDecoder("utf-8").decode(part);
  };
  const document = xml(documentPart);
  if (document === undefined) throw new PlanLoadError(file, [{ path: documentPart, message: "missing: not a Word document" }]);
  const numbering = new WordNumbering(xml(numberingPart), xml(stylesPart), file);
  return readDocumentXml(document, numbering, file);
}

function readDocumentXml(xml: string, numbering: WordNumbering, file: string): string {
  const lines: string[] = [];
  const paragraphs: Paragraph[] = [];
  // The cells open at this point, innermost last: a nested table's cells go into the cell around it.
  const cells: string[][] = [];
  let skipping = 0;
  let inText = 0;
  const append = (text: string) => {
    const paragraph = paragraphs.at(-1);
    if (paragraph !== undefined && skipping === 0) paragraph.text += text;
  };
  parseXmlPart(xml, {
    open(name, attributes) {
      if (skippedElements.has(name)) skipping += 1;
      const paragraph = paragraphs.at(-1);
      const inRun = (paragraph?.runs ?? 0) > 0;
      switch (name) {
        case "w:p":
          paragraphs.push({ text: "", runs: 0 });
          break;
        case "w:pStyle":
          if (paragraph !== undefined && attributes["w:val"] !== undefined && !inRun) paragraph.style = attributes["w:val"];
          break;
        case "w:numId":
          if (paragraph !== undefined && attributes["w:val"] !== undefined && !inRun) paragraph.numId = attributes["w:val"];
          break;
        case "w:ilvl":
          if (paragraph !== undefined && !inRun) paragraph.level = Number(attributes["w:val"] ?? 0);
          break;
        case "w:r":
          if (paragraph !== undefined) paragraph.runs += 1;
          break;
        case "w:t":
          inText += 1;
          break;
        case "w:tc":
          cells.push([]);
          break;
        // Tab stops are defined in w:pPr with w:tab too; only a run's tabs and breaks are text.
        case "w:tab":
          if (inRun) append("\t");
          break;
        case "w:br":
        case "w:cr":
          if (inRun) append("\n");
          break;
        case "w:noBreakHyphen":
          append("-");
          break;
      }
    },
    text(text) {
      if (inText > 0) append(text);
    },
    close(name) {
      switch (name) {
        case "w:p": {
          const paragraph = paragraphs.pop();
          if (paragraph === undefined) break;
          // A paragraph of what is skipped (the VML copy of a text box) is not counted: it is shown once.
          const line = skipping > 0 ? undefined : `${numbering.label(paragraph)}${paragraph.text}`;
          if (line === undefined) break;
          const cell = paragraphs.length === 0 ? cells.at(-1) : undefined;
          if (cell !== undefined) cell.push(line);
          else lines.push(line);
          break;
        }
        case "w:r": {
          const paragraph = paragraphs.at(-1);
          if (paragraph !== undefined) paragraph.runs -= 1;
          break;
        }
        case "w:t":
          inText -= 1;
          break;
        case "w:tc": {
          const cell = cells.pop() ?? [];
          const text = joinCellParagraphs(cell);
          const outer = cells.at(-1);
          if (outer !== undefined) outer.push(text);
          else lines.push(text);
          break;
        }
        case "w:tbl":
          if (cells.length === 0) lines.push("");
          break;
      }
      if (skippedElements.has(name)) skipping -= 1;
    },
  }, file, documentPart);
  return `${lines.join("\n")}\n`;
}

/** A cell's paragraphs on one line: joined directly between Chinese characters, by a space between others. */
function joinCellParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((paragraph) => paragraph.replace(/\s+/gu, " ").trim())
    .filter((paragraph) => paragraph !== "")
    .reduce((joined, paragraph) => (joined === "" ? paragraph : /[\p{Script=Han}\p{P}]$/u.test(joined) || /^[\p{Script=Han}\p{P}]/u.test(paragraph) ? joined + paragraph : `${joined} ${paragraph}`), "");
}
