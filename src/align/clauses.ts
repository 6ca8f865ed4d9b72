import { LRUCache } from "lru-cache";
import { normalizeText } from "../text/normalize.js";

// What an item says clause by clause: a short task is often one clause of a long task of the other plan
// (依托军队和武警部队 … 参与抢险救灾的工作制度 inside a paragraph on emergency forces), where scores of
// the whole texts stay low. A run of characters the two texts share word for word says so.

/**
 * The shortest shared run that counts as a clause carried word for word. On the tuning gold sets, pairs
 * sharing a run this long are gold or optional pairs 9 times in 10; at 8 characters, 6 in 10 (docs/matching.md).
 */
export const clauseLength = 10;

// Each text's runs of `clauseLength` characters, kept by text: an item is checked against several others.
const runsByText = new LRUCache<string, Set<string>>({ max: 4_000 });

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
