import { isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair } from "yaml";
import { formatPath, PlanLoadError, type PlanIssue } from "./errors.js";

/**
 * Parses JSON or YAML text into a value. A key repeated in one object is refused in both, naming the key
 * and its path: JSON.parse would keep the last silently, and the two formats would disagree.
 *
 * @throws PlanLoadError naming the file, for text that does not parse and for repeated keys
 */
export function parseDataText(text: string, format: "json" | "yaml", file: string): unknown {
  // Parsers recurse as deep as the brackets go: far past any plan's few levels, the stack runs out (and the
  // yaml package may then exhaust memory), so depth is checked first, in one pass.
  const depth = bracketDepth(text);
  if (depth > deepestNesting) {
    throw new PlanLoadError(file, [{ path: "", message: `nested ${depth} levels deep; a plan file nests a few levels, at most ${deepestNesting}` }]);
  }
  return format === "json" ? parseJson(text, file) : parseYaml(text, file);
}

const deepestNesting = 64;

/** How deep brackets ([ and {) nest outside quoted strings: the depth a JSON or flow-YAML parser recurses to. */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quote !== undefined) {
      if (character === "\\" && quote === '"') index++;
      else if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") {
      // A quote opens a string only where a value starts (after a bracket, a comma, a colon or a space), not in 县's.
      if (index === 0 || /[\s,:[{]/u.test(text[index - 1]!)) quote = character;
    } else if (character === "[" || character === "{") {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if ((character === "]" || character === "}") && depth > 0) {
      depth--;
    }
  }
  return deepest;
}

function parseJson(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlanLoadError(file, [{ path: "", message: `not valid JSON: ${(error as Error).message}` }]);
  }
  // The yaml parser names repeated keys but reads JSON a hundred times slower than JSON.parse, so it is
  // asked only when the text has more keys than the value kept.
  if (countKeysInText(text) > countKeysInValue(value)) refuseRepeatedKeys(parseDocument(text, { uniqueKeys: false }), file);
  return value;
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { uniqueKeys: false });
  const [error] = document.errors;
  if (error !== undefined) throw new PlanLoadError(file, [{ path: "", message: `not valid YAML: ${error.message}` }]);
  refuseRepeatedKeys(document, file);
  try {
    return document.toJS();
  } catch (error) {
    // Aliases expanding past the parser's bound (an alias bomb) end here.
    throw new PlanLoadError(file, [{ path: "", message: `not valid YAML: ${(error as Error).message}` }]);
  }
}

/** Keys written in valid JSON text: every string token is matched in turn, and a key is one followed by a colon. */
function countKeysInText(text: string): number {
  let keys = 0;
  for (const token of text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/gu)) if (token[1] !== undefined) keys += 1;
  return keys;
}

function countKeysInValue(value: unknown): number {
  let keys = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== "object" || next === null) continue;
    if (!Array.isArray(next)) keys += Object.keys(next).length;
    for (const child of Object.values(next)) pending.push(child);
  }
  return keys;
}

function refuseRepeatedKeys(document: Document, file: string): void {
  const issues: PlanIssue[] = [];
  visit(document, {
    Map(_, map, ancestors) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = keyOf(pair);
        if (seen.has(key)) issues.push({ path: formatPath([...pathTo([...ancestors, map]), key]), message: `the key "${key}" is repeated; each key may appear once` });
        seen.add(key);
      }
    },
  });
  if (issues.length > 0) throw new PlanLoadError(file, issues);
}

const keyOf = (pair: Pair) => String(isScalar(pair.key) ? pair.key.value : pair.key);

/** The keys and indexes leading to the last node of a chain of ancestors, as `visit` gives them. */
function pathTo(chain: ReadonlyArray<Document | Node | Pair>): Array<string | number> {
  const path: Array<string | number> = [];
  chain.forEach((node, index) => {
    if (isPair(node)) path.push(keyOf(node));
    else if (isSeq(node)) path.push(node.items.indexOf(chain[index + 1]));
  });
  return path;
}
