import { Parser } from "htmlparser2";
import { stripControlCharacters } from "../text/unsafe-characters.js";
import { checkTexts } from "../model/input-error.js";

// Elements after which text continues on a new line, so table cells and paragraphs stay apart.
const blockElements = new Set([
  "p", "div", "br", "tr", "td", "th", "li", "ul", "ol", "table", "section", "article", "header", "footer",
  "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "hr",
]);
const skippedElements = new Set(["script", "style", "noscript", "template", "head"]);

/** Whether a text is an HTML page rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype\s+html|html|body|div|p|table|span)\b/iu.test(text.slice(0, 5000));
}

/**
 * The text of a document as plan-align quotes it: plain text as it is (line breaks unified to LF, control
 * characters and terminal sequences dropped), HTML
 * with its tags stripped (block elements end lines, entities decoded, scripts and styles dropped). Quotes
 * of extracted plans are spans of this text, so `validate` reads sources through it too.
 *
 * @example
 * toDocumentText("<p>一、总体要求</p><p>(一)指导思想</p>"); // "一、总体要求\n(一)指导思想\n"
 */
export function toDocumentText(raw: string): string {
  checkTexts("toDocumentText", { raw });
  // Page and line feeds of converted PDFs end lines; terminal sequences and other controls are not text.
  const text = stripControlCharacters(raw.replace(/^\uFEFF/u, "").replace(/\r\n?|[\f\v]/gu, "\n"));
  if (!looksLikeHtml(text)) return text;
  let out = "";
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (skippedElements.has(name)) skipping += 1;
        else if (name === "br") out += "\n";
      },
      ontext(chunk) {
        if (skipping === 0) out += chunk;
      },
      onclosetag(name) {
        if (skippedElements.has(name)) skipping = Math.max(0, skipping - 1);
        else if (blockElements.has(name) && !out.endsWith("\n")) out += "\n";
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(text);
  parser.end();
  // Spaces before a line break are taken as one run from its start, so a long run inside a line costs one pass.
  return out.replace(/\u00a0/gu, " ").replace(/(?<![ \t])[ \t]+\n/gu, "\n").replace(/\n{3,}/gu, "\n\n");
}
