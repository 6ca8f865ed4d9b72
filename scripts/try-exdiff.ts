import { scoreExtraction } from "../eval/extraction.js";
const s = scoreExtraction(process.argv[2]!);
for (const e of s.differences.extra) console.log("+", e);
for (const m of s.differences.missed) console.log("-", m);
