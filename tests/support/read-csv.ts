// A strict RFC 4180 reader for tests, our own rather than csv-parse (the sister of csv-stringify, which writes the
// CSV under test): records end in CRLF; a field is either quoted, with "" for a quote, or holds no quote, comma,
// CR or LF. Anything else throws, naming where.

/** The records of a CSV text, each an array of cells; a leading UTF-8 BOM is skipped. */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let index = text.startsWith("\uFEFF") ? 1 : 0;
  while (index < text.length) {
    let cell = "";
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        if (index >= text.length) throw new Error("CSV: a quoted field is not closed");
        if (text[index] === '"') {
          if (text[index + 1] !== '"') break;
          cell += '"';
          index += 2;
        } else {
          cell += text[index];
          index += 1;
        }
      }
      index += 1;
    } else {
      while (index < text.length && !/[,\r\n]/u.test(text[index] ?? "")) {
        if (text[index] === '"') throw new Error(`CSV: a quote in an unquoted field at ${index}`);
        cell += text[index];
        index += 1;
      }
    }
    record.push(cell);
    if (text[index] === ",") {
      index += 1;
      continue;
    }
    if (text.startsWith("\r\n", index)) {
      records.push(record);
      record = [];
      index += 2;
      continue;
    }
    if (index >= text.length) throw new Error("CSV: the last record does not end in CRLF");
    throw new Error(`CSV: a bare ${JSON.stringify(text[index])} at ${index}, outside quotes`);
  }
  if (record.length > 0) throw new Error("CSV: the last record does not end in CRLF");
  return records;
}
