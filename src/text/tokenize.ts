import { checkArguments } from "../model/input-error.js";
import { TokenizerNameSchema } from "../model/options.js";
/** Splits normalized text into the tokens that similarity compares. */
export type Tokenizer = (text: string) => string[];

/** The built-in tokenizers; all are browser-safe. See docs/tokenization.md for how they score. */
export type TokenizerName = "bigram" | "segmenter" | "unigram";

/** The tokenizer the built-in scorer uses when none is given (docs/tokenization.md). */
export const defaultTokenizerName: TokenizerName = "bigram";

// Letters, digits and Han characters carry meaning; punctuation does not.
const meaningful = /[\p{Script=Han}\p{L}\p{N}%‰.]+/gu;

function chunks(text: string): string[] {
  return text.match(meaningful) ?? [];
}

/** Overlapping character pairs within each run of meaningful characters: 覆盖率 → 覆盖, 盖率. */
export const tokenizeBigrams: Tokenizer = (text) =>
  chunks(text).flatMap((chunk) => {
    const characters = [...chunk];
    if (characters.length < 2) return characters;
    return characters.slice(1).map((character, index) => `${characters[index]}${character}`);
  });

/** Single characters. */
export const tokenizeUnigrams: Tokenizer = (text) => chunks(text).flatMap((chunk) => [...chunk]);

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

/** Dictionary words by the runtime's Intl.Segmenter (ICU). */
export const tokenizeWithSegmenter: Tokenizer = (text) =>
  [...segmenter.segment(text)]
    .filter((segment) => segment.isWordLike === true)
    .map((segment) => segment.segment);

/**
 * Returns a built-in tokenizer by name.
 *
 * @example
 * getTokenizer("bigram")("覆盖率"); // ["覆盖", "盖率"]
 */
export function getTokenizer(name: TokenizerName): Tokenizer {
  checkArguments("getTokenizer", { name: [TokenizerNameSchema, name] });
  switch (name) {
    case "bigram":
      return tokenizeBigrams;
    case "unigram":
      return tokenizeUnigrams;
    case "segmenter":
      return tokenizeWithSegmenter;
  }
}
