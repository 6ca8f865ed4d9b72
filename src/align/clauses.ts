import { lru } from "tiny-lru";
import { normalizeText } from "../text/normalize.js";

// What an item says clause by clause: a short task is often one clause of a long task of the other plan
// (依托军队和武警部队 … 参与抢险救灾的工作制度 inside a paragraph on emergency forces), where scores of
// the whole texts stay low. A run of characters the two texts share word for word says so.

/**
 * The shortest shared run that counts as a clause carried word for word. Over the task and project gold,
 * pairs sharing a run of 15 characters or more are all gold or optional, of 12 nearly all (32 of 33), of 10
 * 87%; on the synthetic nation, runs of 10 or 12 (a shared office name, 乡镇(街道)应急管理办公室) hid true
 * absences, and 14 hides none (docs/matching.md, "Clauses").
 */
export const clauseLength = 14;

// Each text's runs of `clauseLength` characters, kept by text: an item is checked against several others.
const runsByText = lru<Set<string>>(4_000);

function runsOf(text: string): Set<string> {
  let runs = runsByText.get(text);
  if (runs === undefined) {
    const saying = normalizeText(text).replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "");
    runs = new Set();
    for (let index = 0; index + clauseLength <= saying.length; index++) runs.add(saying.slice(index, index + clauseLength));
    runsByText.set(text, runs);
  }
  return runs;
}

/** A run of `clauseLength` characters (punctuation and spacing aside) that both texts carry; undefined if none. */
export function sharedClause(a: string, b: string): string | undefined {
  const [fewer, more] = [runsOf(a), runsOf(b)].sort((x, y) => x.size - y.size) as [Set<string>, Set<string>];
  for (const run of fewer) if (more.has(run)) return run;
  return undefined;
}
