import { strToU8, zipSync } from "fflate";

// Small .docx files made in the tests from XML strings: invented documents, not real ones, each holding
// just the parts a test needs.

const namespaces = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"';

/** The parts of an invented .docx: the body's XML, and numbering and style definitions when wanted. */
export interface DocxParts {
  body: string;
  numbering?: string;
  styles?: string;
}

/** A paragraph of text, optionally numbered (list and level) or styled. */
export function paragraph(text: string, options: { numId?: number; level?: number; style?: string } = {}): string {
  const numbering = options.numId === undefined ? "" : `<w:numPr><w:ilvl w:val="${options.level ?? 0}"/><w:numId w:val="${options.numId}"/></w:numPr>`;
  const style = options.style === undefined ? "" : `<w:pStyle w:val="${options.style}"/>`;
  return `<w:p><w:pPr>${style}${numbering}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A table of rows of cells, each cell one paragraph. */
export function table(rows: readonly (readonly string[])[]): string {
  return `<w:tbl><w:tblPr/>${rows.map((row) => `<w:tr>${row.map((cell) => `<w:tc><w:tcPr/>${paragraph(cell)}</w:tc>`).join("")}</w:tr>`).join("")}</w:tbl>`;
}

/** An abstract list and the list that uses it (same id), one level per format given as [numFmt, lvlText, suff?]. */
export function numberingDefinition(id: number, levels: ReadonlyArray<readonly [string, string, string?]>): string {
  const lvls = levels.map(([format, text, suffix], index) =>
    `<w:lvl w:ilvl="${index}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${suffix === undefined ? "" : `<w:suff w:val="${suffix}"/>`}</w:lvl>`).join("");
  return `<w:abstractNum w:abstractNumId="${id}">${lvls}</w:abstractNum><w:num w:numId="${id}"><w:abstractNumId w:val="${id}"/></w:num>`;
}

/** The parts zipped as a .docx. */
export function buildDocx(parts: DocxParts): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    "word/document.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${namespaces}><w:body>${parts.body}</w:body></w:document>`),
  };
  if (parts.numbering !== undefined) files["word/numbering.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${namespaces}>${parts.numbering}</w:numbering>`);
  if (parts.styles !== undefined) files["word/styles.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${namespaces}>${parts.styles}</w:styles>`);
  return zipSync(files);
}
