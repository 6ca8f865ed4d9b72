// How far two careful readers agree on which tasks correspond: each set in tests/fixtures/agreement/ is a
// second, blind reading of a gold set's two plans. Their agreement bounds what a matcher's F1 against one
// reading can mean.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { goldDir } from "./gold.js";

const agreementDir = path.join(goldDir, "..", "agreement");

export interface Agreement {
  name: string;
  gold: number;
  second: number;
  both: number;
  /** F1 of one reading against the other (symmetric). */
  f1: number;
}

interface Reading {
  pairs: { reference: string; subject: string }[];
}

const pairsOf = (reading: Reading) => new Set(reading.pairs.map((pair) => `${pair.reference}|${pair.subject}`));

export function measureAgreement(): Agreement[] {
  return readdirSync(agreementDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => {
      const name = path.basename(file, ".json");
      const gold = pairsOf(JSON.parse(readFileSync(path.join(goldDir, file), "utf8")) as Reading);
      const second = pairsOf(JSON.parse(readFileSync(path.join(agreementDir, file), "utf8")) as Reading);
      const both = [...gold].filter((pair) => second.has(pair)).length;
      return { name, gold: gold.size, second: second.size, both, f1: (2 * both) / (gold.size + second.size) };
    });
}
