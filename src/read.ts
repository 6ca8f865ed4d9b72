// `plan-align/read`: the read stage alone, browser-safe — a document's bytes to its text (PDF, .docx, HTML,
// text in UTF-8, UTF-16, GB18030/GBK/GB2312, Big5). Word 97-2003 (.doc) files need Node: `plan-align/node`'s
// readDocument reads them too. Apart from `plan-align` and `plan-align/core`, so that an application that
// does not read files does not carry the readers.

export { readDocument } from "./read/read-document.js";
export type { ReadOptions } from "./read/read-document.js";
export { defaultReadLimits } from "./read/limits.js";
export type { DocumentFormat, DocumentRead, ReadLimits } from "./read/types.js";
