// Writes tests/fixtures/formats/ from the real documents in data/sources/ (npx tsx scripts/make-format-fixtures.ts):
// for each, the text encoded GBK, an HTML page declaring gb2312, a .docx whose indicator tables are Word
// tables (pandoc), and a .doc made from that .docx (LibreOffice). tests/fixtures/formats/README.md says how.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import escapeHtml from "escape-html";
import iconv from "iconv-lite";

const root = path.join(import.meta.dirname, "..");
const out = path.join(root, "tests/fixtures/formats");
const ids = ["daixian", "nanyang"];

/** The lines of a document and its tables: a table starts at a line 序号, its header runs to the line 1. */
type Block = { kind: "paragraph"; text: string } | { kind: "table"; rows: string[][] };

function readBlocks(text: string): Block[] {
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const blocks: Block[] = [];
  for (let at = 0; at < lines.length; ) {
    const firstRow = lines.indexOf("1", at);
    if (lines[at] === "序号" && firstRow > at + 1) {
      // The column count is the header's length, as the source gives the header one cell per line.
      const columns = firstRow - at;
      const rows = [lines.slice(at, firstRow)];
      let next = firstRow;
      while (lines[next] === String(rows.length) && next + columns <= lines.length) {
        rows.push(lines.slice(next, next + columns));
        next += columns;
      }
      blocks.push({ kind: "table", rows });
      at = next;
    } else {
      blocks.push({ kind: "paragraph", text: lines[at] ?? "" });
      at += 1;
    }
  }
  return blocks;
}

/** Encodes GBK, refusing what GBK cannot hold rather than writing "?" for it. */
function encodeGbk(text: string, name: string): Buffer {
  const bytes = iconv.encode(text, "gbk");
  if (iconv.decode(bytes, "gbk") !== text) throw new Error(`${name}: holds characters GBK cannot encode`);
  return bytes;
}

function renderHtml(title: string, blocks: readonly Block[], charset: string): string {
  const cell = (text: string) => escapeHtml(text).replace(/\u00a0/gu, "&nbsp;");
  const body = blocks.map((block) => block.kind === "paragraph"
    ? `<p>${cell(block.text)}</p>`
    : `<table border="1">\n${block.rows.map((row) => `<tr>${row.map((text) => `<td>${cell(text)}</td>`).join("")}</tr>`).join("\n")}\n</table>`);
  return `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="${charset}">\n<title>${cell(title)}</title>\n</head>\n<body>\n${body.join("\n")}\n</body>\n</html>\n`;
}

function run(command: string, args: readonly string[], cwd: string): void {
  // A fixed date, so that the .docx is the same bytes each time the script runs.
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.error?.message ?? result.stderr}`);
}

const work = mkdtempSync(path.join(os.tmpdir(), "plan-align-fixtures-"));
try {
  for (const id of ids) {
    const source = readFileSync(path.join(root, "data/sources", `${id}.txt`), "utf8");
    const blocks = readBlocks(source);
    const title = blocks.find((block) => block.kind === "paragraph")?.text ?? id;
    // GBK has no non-breaking space: a GBK text file has an ordinary one there.
    writeFileSync(path.join(out, `${id}.gbk.txt`), encodeGbk(source.replace(/\u00a0/gu, " "), `${id}.gbk.txt`));
    writeFileSync(path.join(out, `${id}.gb2312.html`), encodeGbk(renderHtml(title, blocks, "gb2312"), `${id}.gb2312.html`));
    const html = path.join(work, `${id}.html`);
    writeFileSync(html, renderHtml(title, blocks, "utf-8"));
    run("pandoc", ["--from", "html", "--to", "docx", "--output", path.join(out, `${id}.docx`), html], work);
    run("libreoffice", ["--headless", "--convert-to", "doc", "--outdir", work, path.join(out, `${id}.docx`)], work);
    renameSync(path.join(work, `${id}.doc`), path.join(out, `${id}.doc`));
    const tables = blocks.filter((block) => block.kind === "table").map((block) => `${block.rows.length - 1} rows × ${block.rows[0]?.length} columns`);
    console.log(`wrote ${id}.gbk.txt, ${id}.gb2312.html, ${id}.docx, ${id}.doc (tables: ${tables.join(", ")})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
