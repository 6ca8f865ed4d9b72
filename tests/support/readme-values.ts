import assert from "node:assert/strict";

// What tests/readme.test.ts calls for each README line `expression; // → value`, and tests/api-examples.test.ts
// for each `expression; // value` of the API reference's examples: the line must give the value shown. Where
// the README leaves parts out (…), only the keys shown are compared, at every depth.

export function expectShown(actual: unknown, shown: unknown, partial: boolean, where: string): void {
  assert.deepStrictEqual(partial ? keepShownKeys(actual, shown) : actual, shown, `${where}: the line gives another value than its comment shows`);
}

function keepShownKeys(actual: unknown, shown: unknown): unknown {
  // Arrays keep every element, so that a length the README shows is still checked.
  if (Array.isArray(actual) && Array.isArray(shown)) return actual.map((element, index) => keepShownKeys(element, shown[index]));
  if (isRecord(actual) && isRecord(shown)) {
    return Object.fromEntries(Object.keys(shown).filter((key) => key in actual).map((key) => [key, keepShownKeys(actual[key], shown[key])]));
  }
  return actual;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
