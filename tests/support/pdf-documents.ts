// Small PDFs written byte by byte for the PDF reader's tests: text placed where a test wants it, in Helvetica or
// in STSong-Light (a CJK font the PDF does not embed, addressed through the predefined CMap UniGB-UCS2-H, so
// its text comes out only if pdf.js finds its packaged CMaps), an image-only page (a scan), many pages.

/** Text drawn at (x, y) from the page's bottom-left corner, in points. */
export interface DrawnText {
  x: number;
  y: number;
  size: number;
  text: string;
}

/** A page: its text, and whether an image covers it (what a scanner makes). */
export interface DrawnPage {
  texts?: DrawnText[];
  image?: boolean;
}

const pageWidth = 595;
const pageHeight = 842;

/** A PDF of the pages given; text with any non-ASCII character is set in STSong-Light, the rest in Helvetica. */
export function writePdf(pages: readonly DrawnPage[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add("");
  const pageTree = add("");
  const latinFont = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const descriptor = add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>");
  const cidFont = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`);
  const chineseFont = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
  const image = add(streamObject("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", "\u0000\u00ff\u00ff\u0000"));
  const resources = `<< /Font << /F1 ${latinFont} 0 R /F2 ${chineseFont} 0 R >> /XObject << /Im1 ${image} 0 R >> >>`;
  const pageIds: number[] = [];
  for (const page of pages) {
    const drawing = [
      ...(page.image === true ? [`q ${pageWidth} 0 0 ${pageHeight} 0 0 cm /Im1 Do Q`] : []),
      ...(page.texts ?? []).map(drawText),
    ].join("\n");
    const content = add(streamObject("<<", drawing));
    pageIds.push(add(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] /Resources ${resources} /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;
  return serialize(objects, catalog);
}

function drawText({ x, y, size, text }: DrawnText): string {
  const isAscii = [...text].every((character) => character.charCodeAt(0) < 0x80);
  const shown = isAscii
    ? `(${text.replace(/[()\\]/gu, (character) => `\\${character}`)})`
    : `<${[...text].map((character) => (character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")).join("")}>`;
  return `BT /${isAscii ? "F1" : "F2"} ${size} Tf ${x} ${y} Td ${shown} Tj ET`;
}

// Stream contents here are ASCII or single bytes written as Latin-1, so string length is byte length.
function streamObject(dictionaryStart: string, contents: string): string {
  return `${dictionaryStart} /Length ${contents.length} >>\nstream\n${contents}\nendstream`;
}

function serialize(objects: readonly string[], root: number): Uint8Array {
  let body = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}
