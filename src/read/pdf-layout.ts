// The layout half of the PDF reader: from text placed on pages (what pdf.js finds) to the document's text as
// extraction reads it, one paragraph per line and table cells one per line in row order. Pure functions over
// positions, so they are tested without a PDF. All lengths are in points; y grows down the page.

/** A run of text drawn on a page: where its baseline starts, how wide it is, and its font size. */
export interface PlacedText {
  text: string;
  x: number;
  /** Distance of the baseline from the top of the page. */
  baseline: number;
  width: number;
  size: number;
}

/** One page: its size and the text drawn on it, in any order. */
export interface PageText {
  width: number;
  height: number;
  texts: PlacedText[];
}

/** The laid-out text and what was done to get it that a careful user should know. */
export interface LaidOutText {
  text: string;
  notes: string[];
}

/** Text on one baseline, left to right, cut into segments where a wide gap separates them (table cells). */
interface Line {
  page: number;
  x: number;
  right: number;
  baseline: number;
  size: number;
  segments: Segment[];
  text: string;
}

interface Segment {
  x: number;
  right: number;
  text: string;
}

interface Paragraph {
  kind: "paragraph";
  lines: Line[];
}

interface Table {
  kind: "table";
  page: number;
  rows: string[][];
}

type Block = Paragraph | Table;

// Thresholds, as fractions of the font size (an em).
/** Runs whose baselines differ by less than this are on one line (superscripts, slightly uneven runs). */
const sameBaseline = 0.35;
/** A gap this wide between runs of CJK text is layout, not a space; wider than this between Latin words is. */
const spaceGap = 0.2;
/** A gap at least this wide between runs on one line separates table cells. */
const cellGap = 1;
/** A line starting this much right of the text's left edge is indented: it starts a paragraph. */
const indentation = 0.5;
/** Page heads and feet are in this top or bottom share of the page. */
const marginBand = 0.15;
/** A head or foot stands apart from the body by at least this much (baseline to baseline). */
const furnitureSeparation = 2;
/** Lines of one table are no further apart than this (baseline to baseline). */
const tableLineStep = 3;
/** Lines of one paragraph are no further apart than this. */
const paragraphLineStep = 2.5;

// Numbering that opens a heading or a list item: 一、 （一） 1. （1） ① 第三章 ——; a digit after the point is a
// decimal (0.4‰), not numbering.
const numberedStart = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)]|[\u2460-\u2473\u2776-\u277f]|第[一二三四五六七八九十百零〇\d]+[章节条篇部]|——|专栏)/u;

// Page numbers as printed: — 3 —, - 3 -, 3, 第3页, 第 3 页 共 10 页, 3/10, Page 3 of 10.
const pageNumberPatterns = [
  /^[-—–－~～\s]*\d{1,4}[-—–－~～\s]*$/u,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/u,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/u,
  /^page\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/iu,
];

const cjkCharacter = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2018-\u201d\u2026]/u;
/** Punctuation that may not open a line, so the character before it moves down with it. */
const closingPunctuation = /^[，。、；：？！）》」』”’%‰,.;:?!)]/u;

/**
 * Lays out the text of a PDF's pages: lines by baseline, page heads, feet and numbers dropped, tables read as
 * rows of cells, wrapped lines joined into their paragraphs (across pages too).
 */
export function layOutPages(pages: readonly PageText[]): LaidOutText {
  const notes: string[] = [];
  const pageLines = pages.map((page, index) => groupLines(page.texts, index));
  dropPageFurniture(pageLines, pages, notes);
  const blocks: Block[] = [];
  for (const lines of pageLines) blocks.push(...splitTables(lines));
  const tables = blocks.filter((block) => block.kind === "table");
  dropRepeatedTableHeads(blocks);
  const flowLines = blocks.flatMap((block) => (block.kind === "paragraph" ? block.lines : []));
  const paragraphs = joinParagraphs(blocks, measureTextColumn(flowLines));
  if (tables.length > 0) notes.push(`Read ${tables.length} table part${tables.length === 1 ? "" : "s"} as rows, one cell per line.`);
  return { text: renderBlocks(paragraphs), notes };
}

function groupLines(texts: readonly PlacedText[], page: number): Line[] {
  const placed = texts
    .filter((text) => text.text.trim() !== "" && text.size > 0 && Number.isFinite(text.x) && Number.isFinite(text.baseline))
    .sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const groups: PlacedText[][] = [];
  for (const text of placed) {
    const current = groups.at(-1);
    const first = current?.[0];
    if (current !== undefined && first !== undefined && Math.abs(text.baseline - first.baseline) <= sameBaseline * Math.min(text.size, first.size)) current.push(text);
    else groups.push([text]);
  }
  return groups.map((group) => makeLine(group, page));
}

function makeLine(texts: PlacedText[], page: number): Line {
  const sorted = withoutOverprint(texts.sort((a, b) => a.x - b.x));
  const size = median(sorted.map((text) => text.size));
  const segments: Segment[] = [];
  let run: PlacedText[] = [];
  for (const text of sorted) {
    const previous = run.at(-1);
    if (previous !== undefined && text.x - (previous.x + previous.width) >= cellGap * size) {
      segments.push(makeSegment(run));
      run = [];
    }
    run.push(text);
  }
  if (run.length > 0) segments.push(makeSegment(run));
  const first = segments[0];
  const last = segments.at(-1);
  return {
    page,
    x: first?.x ?? 0,
    right: last?.right ?? 0,
    baseline: median(sorted.map((text) => text.baseline)),
    size,
    segments,
    text: segments.map((segment) => segment.text).join(" "),
  };
}

// Documents fake bold by drawing the same text again a fraction of a point to the right: keep one copy.
function withoutOverprint(sorted: readonly PlacedText[]): PlacedText[] {
  const kept: PlacedText[] = [];
  for (const text of sorted) {
    // Sorted by x, so only the last few kept runs can be close enough to be the same one drawn again.
    let overprinted = false;
    for (let index = kept.length - 1; index >= 0 && !overprinted; index -= 1) {
      const other = kept[index];
      if (other === undefined || text.x - other.x >= 0.2 * text.size) break;
      overprinted = other.text === text.text;
    }
    if (!overprinted) kept.push(text);
  }
  return kept;
}

function makeSegment(run: readonly PlacedText[]): Segment {
  let text = "";
  let previous: PlacedText | undefined;
  for (const placed of run) {
    if (previous !== undefined) {
      const gap = placed.x - (previous.x + previous.width);
      const betweenCjk = cjkCharacter.test(text.trimEnd().at(-1) ?? "") && cjkCharacter.test(placed.text.trimStart()[0] ?? "");
      if (gap > spaceGap * placed.size && !betweenCjk) text += " ";
    }
    text += placed.text;
    previous = placed;
  }
  const first = run[0];
  const last = run.at(-1);
  return { x: first?.x ?? 0, right: last === undefined ? 0 : last.x + last.width, text: text.replace(/\s+/gu, " ").trim() };
}

/**
 * Drops page numbers and running heads and feet: single lines in the top or bottom band of a page, apart
 * from the body, that either read as a page number or repeat (digits aside) on several pages.
 */
function dropPageFurniture(pageLines: Line[][], pages: readonly PageText[], notes: string[]): void {
  const candidates = new Map<Line, string>();
  const pagesByKey = new Map<string, { pages: Set<number>; example: string }>();
  pageLines.forEach((lines, pageIndex) => {
    const height = pages[pageIndex]?.height ?? 0;
    for (const [line, inward, band] of marginLines(lines)) {
      const inBand = band === "head" ? line.baseline <= marginBand * height : line.baseline >= (1 - marginBand) * height;
      const apart = inward === undefined || Math.abs(inward.baseline - line.baseline) >= furnitureSeparation * line.size;
      if (!inBand || !apart || line.segments.length !== 1) continue;
      const key = `${band}:${line.text.replace(/\d+/gu, "#").replace(/\s+/gu, "")}`;
      candidates.set(line, key);
      const seen = pagesByKey.get(key) ?? { pages: new Set<number>(), example: line.text };
      seen.pages.add(pageIndex);
      pagesByKey.set(key, seen);
    }
  });
  const repeatedOn = Math.max(2, Math.ceil(0.4 * pageLines.length));
  const droppedHeads = new Map<string, number>();
  const pagesWithNumbers = new Set<number>();
  pageLines.forEach((lines, pageIndex) => {
    const width = pages[pageIndex]?.width ?? 0;
    pageLines[pageIndex] = lines.filter((line) => {
      const key = candidates.get(line);
      if (key === undefined) return true;
      if (isPageNumber(line, width)) {
        pagesWithNumbers.add(pageIndex);
        return false;
      }
      const seen = pagesByKey.get(key);
      if (seen === undefined || seen.pages.size < repeatedOn) return true;
      droppedHeads.set(seen.example, seen.pages.size);
      return false;
    });
  });
  for (const [example, count] of droppedHeads) notes.push(`Dropped the running head or foot “${example}”, repeated on ${count} of ${pageLines.length} pages.`);
  if (pagesWithNumbers.size > 0) notes.push(`Dropped page numbers on ${pagesWithNumbers.size} of ${pageLines.length} pages.`);
}

/** The two outermost lines at the top and at the bottom of a page, each with the next line inward. */
function marginLines(lines: readonly Line[]): [Line, Line | undefined, "head" | "foot"][] {
  const found: [Line, Line | undefined, "head" | "foot"][] = [];
  for (let index = 0; index < Math.min(2, lines.length); index += 1) {
    const line = lines[index];
    if (line !== undefined) found.push([line, lines[index + 1], "head"]);
  }
  for (let index = lines.length - 1; index >= Math.max(0, lines.length - 2); index -= 1) {
    const line = lines[index];
    if (line !== undefined) found.push([line, lines[index - 1], "foot"]);
  }
  return found;
}

function isPageNumber(line: Line, pageWidth: number): boolean {
  const text = line.text.trim();
  if (!pageNumberPatterns.some((pattern) => pattern.test(text))) return false;
  if (!/^\d+$/u.test(text)) return true;
  // A bare number is a page number where page numbers go: centred, or at an outer edge.
  const centre = (line.x + line.right) / 2;
  return Math.abs(centre - pageWidth / 2) <= 0.1 * pageWidth || line.x >= 0.7 * pageWidth || line.right <= 0.3 * pageWidth;
}

/**
 * Cuts a page's lines into paragraphs' lines and tables. A table grows from lines with several cells to the
 * neighbouring lines close above and below that stay within its columns (a cell's wrapped line, a heading cell
 * on a baseline of its own); a line that spans a gap between columns is body text again.
 */
function splitTables(lines: readonly Line[]): Block[] {
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (line === undefined) break;
    if (line.segments.length < 2) {
      const previous = blocks.at(-1);
      if (previous?.kind === "paragraph") previous.lines.push(line);
      else blocks.push({ kind: "paragraph", lines: [line] });
      index += 1;
      continue;
    }
    let start = index;
    let end = index + 1;
    let columns = mergeColumns([], line.segments);
    // Grow upward over lines already taken as paragraph lines, then downward.
    const previous = blocks.at(-1);
    while (previous?.kind === "paragraph" && previous.lines.length > 0) {
      const above = previous.lines.at(-1);
      const next = lines[start];
      if (above === undefined || next === undefined || !belongsToTable(above, next, columns)) break;
      previous.lines.pop();
      start -= 1;
      columns = mergeColumns(columns, above.segments.length > 1 ? above.segments : []);
    }
    if (previous?.kind === "paragraph" && previous.lines.length === 0) blocks.pop();
    while (end < lines.length) {
      const below = lines[end];
      const last = lines[end - 1];
      if (below === undefined || last === undefined || !belongsToTable(below, last, columns)) break;
      if (below.segments.length > 1) columns = mergeColumns(columns, below.segments);
      end += 1;
    }
    blocks.push({ kind: "table", page: line.page, rows: readRows(lines.slice(start, end), columns) });
    index = end;
  }
  return blocks;
}

function belongsToTable(candidate: Line, neighbour: Line, columns: readonly Segment[]): boolean {
  if (Math.abs(candidate.baseline - neighbour.baseline) > tableLineStep * Math.max(candidate.size, neighbour.size)) return false;
  return !columns.some((column, index) => {
    const next = columns[index + 1];
    // The gap between this column and the next lies wholly inside the candidate: it spans two columns.
    return next !== undefined && candidate.segments.some((segment) => segment.x < column.right && segment.right > next.x);
  });
}

/** Columns as x-ranges: the union of the ranges of cells seen in them, left to right. */
function mergeColumns(columns: readonly Segment[], segments: readonly Segment[]): Segment[] {
  const ranges = [...columns, ...segments].map(({ x, right }) => ({ x, right, text: "" })).sort((a, b) => a.x - b.x);
  const merged: Segment[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range.x <= last.right) last.right = Math.max(last.right, range.right);
    else merged.push({ ...range });
  }
  return merged;
}

interface Cell {
  column: number;
  top: number;
  bottom: number;
  lastBaseline: number;
  /** The cell's text as wrapped in its column. */
  lines: string[];
}

/**
 * Reads a table's lines as rows of cells: each segment goes to the column it overlaps; a segment close under
 * the previous one of its column continues that cell (text wrapped in the cell); cells whose heights overlap
 * form a row, so a short cell centred beside a tall one is in the tall one's row.
 */
function readRows(lines: readonly Line[], columns: readonly Segment[]): string[][] {
  const cells: Cell[] = [];
  const openCell = new Map<number, Cell>();
  const wrapStep = cellLineStep(lines, columns);
  for (const line of lines) {
    for (const segment of line.segments) {
      const column = columnOf(segment, columns);
      const open = openCell.get(column);
      if (open !== undefined && line.baseline - open.lastBaseline <= wrapStep) {
        open.lines.push(segment.text);
        open.lastBaseline = line.baseline;
        open.bottom = line.baseline + 0.25 * line.size;
        continue;
      }
      const cell = { column, top: line.baseline - 0.85 * line.size, bottom: line.baseline + 0.25 * line.size, lastBaseline: line.baseline, lines: [segment.text] };
      cells.push(cell);
      openCell.set(column, cell);
    }
  }
  const rows: Cell[][] = [];
  let rowBottom = -Infinity;
  for (const cell of [...cells].sort((a, b) => a.top - b.top)) {
    const row = rows.at(-1);
    if (row !== undefined && cell.top < rowBottom) {
      row.push(cell);
      rowBottom = Math.max(rowBottom, cell.bottom);
    } else {
      rows.push([cell]);
      rowBottom = cell.bottom;
    }
  }
  return rows.map((row) => row.sort((a, b) => a.column - b.column || a.top - b.top).map((cell) => joinWrapped(cell.lines)));
}

/**
 * How far apart two lines of one cell may be. Wrapped lines of a cell are one line height apart; the first
 * lines of cells in successive rows are further apart by the cells' padding and rule. The closest pair of lines
 * in one column gives the line height, unless it is so wide apart that no cell wraps at all.
 */
function cellLineStep(lines: readonly Line[], columns: readonly Segment[]): number {
  const lastBaseline = new Map<number, number>();
  let closest = Infinity;
  for (const line of lines) {
    for (const segment of line.segments) {
      const column = columnOf(segment, columns);
      const previous = lastBaseline.get(column);
      if (previous !== undefined && line.baseline > previous) closest = Math.min(closest, line.baseline - previous);
      lastBaseline.set(column, line.baseline);
    }
  }
  const size = median(lines.map((line) => line.size));
  return closest <= 1.75 * size ? 1.25 * closest : 0;
}

function columnOf(segment: Segment, columns: readonly Segment[]): number {
  let best = 0;
  let bestOverlap = -Infinity;
  columns.forEach((column, index) => {
    const overlap = Math.min(segment.right, column.right) - Math.max(segment.x, column.x);
    if (overlap > bestOverlap) {
      best = index;
      bestOverlap = overlap;
    }
  });
  return best;
}

// A table continued on the next page often repeats its head row there: keep the first. The head row is the
// first with several cells (a caption above the table is read as a row of one).
function dropRepeatedTableHeads(blocks: Block[]): void {
  for (let index = 1; index < blocks.length; index += 1) {
    const block = blocks[index];
    const before = blocks[index - 1];
    if (block?.kind !== "table" || before?.kind !== "table" || block.page === before.page) continue;
    const head = before.rows.find((row) => row.length > 1);
    const first = block.rows[0];
    if (head !== undefined && first !== undefined && head.join("\n") === first.join("\n")) block.rows.shift();
  }
}

/** Where the body's lines start and end: full lines reach the right edge, and most of them start at the left. */
interface TextColumn {
  left: number;
  right: number;
}

function measureTextColumn(lines: readonly Line[]): TextColumn {
  // Reduced rather than spread: a long document has more lines than a call takes arguments.
  const right = lines.reduce((widest, line) => Math.max(widest, line.right), 0);
  const startsOfFullLines = new Map<number, number>();
  for (const line of lines) {
    if (right - line.right > line.size) continue;
    const start = Math.round(line.x);
    startsOfFullLines.set(start, (startsOfFullLines.get(start) ?? 0) + 1);
  }
  let left = lines.reduce((leftmost, line) => Math.min(leftmost, line.x), Infinity);
  let mostFrequent = 0;
  for (const [start, count] of startsOfFullLines) {
    if (count > mostFrequent || (count === mostFrequent && start < left)) {
      left = start;
      mostFrequent = count;
    }
  }
  return { left: Number.isFinite(left) ? left : 0, right };
}

/** Joins each paragraph's lines that wrap into the next; a block of lines becomes one or more paragraphs. */
function joinParagraphs(blocks: readonly Block[], column: TextColumn): Block[] {
  const joined: Block[] = [];
  let open: { line: Line; continued: boolean } | undefined;
  for (const block of blocks) {
    if (block.kind === "table") {
      joined.push(block);
      open = undefined;
      continue;
    }
    for (const line of block.lines) {
      const last = joined.at(-1);
      if (open !== undefined && last?.kind === "paragraph" && continuesParagraph(open.line, line, open.continued, column)) {
        last.lines.push(line);
        open = { line, continued: true };
      } else {
        joined.push({ kind: "paragraph", lines: [line] });
        open = { line, continued: false };
      }
    }
  }
  return joined;
}

/**
 * Whether `line` continues the paragraph whose last line is `previous`: the previous line runs to the right
 * edge (no room was left for the first word of this one), this one is not indented and opens with no
 * numbering, and they are close (or this one opens the next page). A centred title wrapped over two lines
 * continues too.
 */
function continuesParagraph(previous: Line, line: Line, previousContinues: boolean, column: TextColumn): boolean {
  if (Math.abs(previous.size - line.size) > 0.1 * line.size) return false;
  if (numberedStart.test(line.text)) return false;
  const samePage = previous.page === line.page;
  if (samePage && (line.baseline <= previous.baseline || line.baseline - previous.baseline > paragraphLineStep * line.size)) return false;
  if (!samePage && line.page !== previous.page + 1) return false;
  const room = column.right - previous.right;
  if (room > firstWordWidth(line) + line.size) return false;
  const leftEdge = previousContinues ? previous.x : column.left;
  if (line.x <= leftEdge + indentation * line.size) return true;
  const centre = (column.left + column.right) / 2;
  const centred = Math.abs((line.x + line.right) / 2 - centre) <= line.size && Math.abs((previous.x + previous.right) / 2 - centre) <= 2 * line.size;
  return samePage && centred && line.x > column.left + 2.5 * line.size;
}

/** About how wide the line's first unbreakable piece is: a Latin word or number, or a CJK character, with the punctuation that must follow it. */
function firstWordWidth(line: Line): number {
  const word = /^[A-Za-z0-9.%‰]+/u.exec(line.text)?.[0];
  const width = word === undefined ? line.size : word.length * 0.6 * line.size;
  const after = line.text.slice(word?.length ?? 1);
  return closingPunctuation.test(after) ? width + line.size : width;
}

/** Joins lines wrapped from one another: a space between Latin words, nothing in Chinese text. */
function joinWrapped(lines: readonly string[]): string {
  return lines.map((line, index) => (index > 0 && /[A-Za-z0-9,.;:]$/u.test(lines[index - 1] ?? "") && /^[A-Za-z]/u.test(line) ? ` ${line}` : line)).join("");
}

function renderBlocks(blocks: readonly Block[]): string {
  let text = "";
  for (const block of blocks) {
    if (block.kind === "table") {
      for (const row of block.rows) for (const cell of row) text += `${cell}\n`;
      text += "\n";
    } else {
      text += `${joinWrapped(block.lines.map((line) => line.text))}\n`;
    }
  }
  return text;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
