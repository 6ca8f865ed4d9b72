// npx tsx bench/nation/write-corpus.ts [--provinces N] [--seed N] > corpus.jsonl: the synthetic nation as a
// corpus in JSON lines, one plan per line (the national plan first, then each province's subtree), the
// input of docs/scale-out.md. Test data derived from the bundled plans; never written under data/.
import { parseArgs } from "node:util";
import { listProvinces } from "./divisions.js";
import { generateNation } from "./generate.js";

const { values } = parseArgs({ options: { provinces: { type: "string" }, seed: { type: "string", default: "1" } } });
const included = new Set(listProvinces().slice(0, values.provinces === undefined ? Infinity : Number(values.provinces)).map((province) => province.code));
const nation = generateNation({ seed: Number(values.seed), include: (division) => division.level !== "province" || included.has(division.code) });
process.stdout.write(`${JSON.stringify(nation.national)}\n`);
for (const subtree of nation.provinces) for (const plan of subtree.plans) process.stdout.write(`${JSON.stringify(plan)}\n`);
