import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "../src/index.js";
import { simplifyText } from "../src/text/normalize.js";
import { generatedDocument } from "./adversarial-documents.js";

// Invariants checked on generated input, each stated in a comment above its test.

describe("normalizing generated text", () => {
  // Property: for every text t, simplifyText and normalizeText return, and f(f(t)) = f(t) for both.
  it("never throws, and normalizing twice changes nothing", () => {
    fc.assert(
      fc.property(generatedDocument, (text) => {
        expect(simplifyText(simplifyText(text))).toBe(simplifyText(text));
        expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
      }),
      { numRuns: 500 },
    );
  });

  it("orders combining marks that whitespace stood between, so normalizing twice changes nothing (a counterexample fast-check found)", () => {
    const marksAroundWhitespace = "\u0301\uFEFF\uFF9E";
    expect(normalizeText(normalizeText(marksAroundWhitespace))).toBe(normalizeText(marksAroundWhitespace));
  });
});
