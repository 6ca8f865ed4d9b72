import Nzh from "nzh/cn";
import NzhTraditional from "nzh/hk";
import { parseXmlPart } from "./xml.js";

// Word's automatic numbering, computed as Word shows it: the numbers are not in document.xml, only a list
// (numId) and a level (ilvl) on each paragraph, directly or through its style. Written by hand: mammoth and
// docx readers in JavaScript render lists as <ol> and drop the number formats (一、 （一） ①).

interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the number: a tab (Word's default), a space or nothing. */
  suffix: string;
  /** Whether deeper levels' counting restarts after this one (lvlRestart 0 says never). */
  restarts: boolean;
  /** Legal numbering: every level's number shown as decimal. */
  legal: boolean;
}

interface ListInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, Partial<Level>>;
}

interface StyleNumbering {
  basedOn?: string;
  numId?: string;
  level?: number;
}

/** A paragraph's numbering as written on it or its style: the list and the level. */
export interface ParagraphNumbering {
  numId?: string;
  level?: number;
  style?: string;
}

const levelCount = 9;

/** The numbering of a Word file: list definitions, paragraph styles that number, and the counters so far. */
export class WordNumbering {
  private readonly abstracts = new Map<string, Map<number, Partial<Level>>>();
  private readonly lists = new Map<string, ListInstance>();
  private readonly styles = new Map<string, StyleNumbering>();
  /** Styles a list level names (lvl/pStyle): a paragraph of that style is at that level. */
  private readonly levelOfStyle = new Map<string, number>();
  private defaultStyle: string | undefined;
  private readonly counters = new Map<string, Array<number | undefined>>();

  constructor(numberingXml: string | undefined, stylesXml: string | undefined, file: string) {
    if (numberingXml !== undefined) this.readNumbering(numberingXml, file);
    if (stylesXml !== undefined) this.readStyles(stylesXml, file);
  }

  /**
   * The number a paragraph shows, with what follows it ("一、", "（二）", "3.\t"), and counts it; "" for a
   * paragraph that is not numbered, a bullet (symbol fonts' bullets are private-use characters) or a list
   * that is not defined.
   */
  label(paragraph: ParagraphNumbering): string {
    const { numId, level } = this.resolve(paragraph);
    if (numId === undefined || numId === "0") return "";
    const list = this.lists.get(numId);
    const abstract = list === undefined ? undefined : this.abstracts.get(list.abstractId);
    if (list === undefined || abstract === undefined) return "";
    const levelOf = (index: number): Level => ({ ...defaultLevel, ...abstract.get(index), ...list.levelOverrides.get(index) });
    const current = levelOf(level);
    const counters = this.counters.get(numId) ?? Array.from({ length: levelCount }, () => undefined);
    this.counters.set(numId, counters);
    const startOf = (index: number) => list.startOverrides.get(index) ?? levelOf(index).start;
    counters[level] = counters[level] === undefined ? startOf(level) : counters[level] + 1;
    if (current.restarts) for (let deeper = level + 1; deeper < levelCount; deeper += 1) counters[deeper] = undefined;
    if (current.format === "bullet") return "";
    const text = current.text.replace(/%([1-9])/gu, (_, digit: string) => {
      const index = Number(digit) - 1;
      const shown = levelOf(index);
      const value = counters[index] ?? startOf(index);
      return formatNumber(value, current.legal && index !== level ? "decimal" : shown.format);
    });
    return text === "" ? "" : `${text}${current.suffix}`;
  }

  /** The list and level of a paragraph: its own, else its style's (and the styles that style is based on). */
  private resolve(paragraph: ParagraphNumbering): { numId?: string; level: number } {
    let numId = paragraph.numId;
    let level = paragraph.level;
    const seen = new Set<string>();
    for (let style = paragraph.style ?? this.defaultStyle; style !== undefined && !seen.has(style); style = this.styles.get(style)?.basedOn) {
      seen.add(style);
      const found = this.styles.get(style);
      numId ??= found?.numId;
      level ??= found?.level ?? this.levelOfStyle.get(style);
    }
    return { ...(numId === undefined ? {} : { numId }), level: Math.min(Math.max(level ?? 0, 0), levelCount - 1) };
  }

  private readNumbering(xml: string, file: string): void {
    let abstract: Map<number, Partial<Level>> | undefined;
    let list: ListInstance | undefined;
    let level: Partial<Level> | undefined;
    let levelIndex = 0;
    let overrideLevel: number | undefined;
    parseXmlPart(xml, {
      open: (name, attributes) => {
        const value = attributes["w:val"];
        switch (name) {
          case "w:abstractNum":
            abstract = new Map();
            this.abstracts.set(attributes["w:abstractNumId"] ?? "", abstract);
            break;
          case "w:num":
            list = { abstractId: "", startOverrides: new Map(), levelOverrides: new Map() };
            this.lists.set(attributes["w:numId"] ?? "", list);
            break;
          case "w:abstractNumId":
            if (list !== undefined) list.abstractId = value ?? "";
            break;
          case "w:lvlOverride":
            overrideLevel = Number(attributes["w:ilvl"] ?? 0);
            break;
          case "w:startOverride":
            if (list !== undefined && overrideLevel !== undefined) list.startOverrides.set(overrideLevel, Number(value ?? 0));
            break;
          case "w:lvl": {
            level = {};
            levelIndex = overrideLevel ?? Number(attributes["w:ilvl"] ?? 0);
            if (list !== undefined) list.levelOverrides.set(levelIndex, level);
            else abstract?.set(levelIndex, level);
            break;
          }
          case "w:start":
            if (level !== undefined) level.start = Number(value ?? 1);
            break;
          case "w:numFmt":
            if (level !== undefined && value !== undefined) level.format = value;
            break;
          case "w:lvlText":
            if (level !== undefined) level.text = value ?? "";
            break;
          case "w:lvlRestart":
            if (level !== undefined) level.restarts = value !== "0";
            break;
          case "w:isLgl":
            if (level !== undefined) level.legal = value !== "0" && value !== "false";
            break;
          case "w:suff":
            if (level !== undefined) level.suffix = value === "space" ? " " : value === "nothing" ? "" : "\t";
            break;
          case "w:pStyle":
            if (level !== undefined && value !== undefined) this.levelOfStyle.set(value, levelIndex);
            break;
        }
      },
      close: (name) => {
        if (name === "w:abstractNum") abstract = undefined;
        else if (name === "w:num") list = undefined;
        else if (name === "w:lvl") level = undefined;
        else if (name === "w:lvlOverride") overrideLevel = undefined;
      },
    }, file, "word/numbering.xml");
  }

  private readStyles(xml: string, file: string): void {
    let style: StyleNumbering | undefined;
    parseXmlPart(xml, {
      open: (name, attributes) => {
        const value = attributes["w:val"];
        if (name === "w:style") {
          style = attributes["w:type"] === "paragraph" ? {} : undefined;
          const id = attributes["w:styleId"];
          if (style !== undefined && id !== undefined) {
            this.styles.set(id, style);
            if (attributes["w:default"] === "1" || attributes["w:default"] === "true") this.defaultStyle = id;
          }
        } else if (style !== undefined && value !== undefined) {
          if (name === "w:basedOn") style.basedOn = value;
          else if (name === "w:numId") style.numId = value;
          else if (name === "w:ilvl") style.level = Number(value);
        }
      },
      close: (name) => {
        if (name === "w:style") style = undefined;
      },
    }, file, "word/styles.xml");
  }
}

const defaultLevel: Level = { start: 1, format: "decimal", text: "", suffix: "\t", restarts: true, legal: false };

const circled = (first: number, last: number) => (value: number) => (value >= 1 && value <= last - first + 1 ? String.fromCodePoint(first + value - 1) : String(value));
const cycle = (symbols: string) => (value: number) => (value >= 1 && value <= [...symbols].length ? [...symbols][value - 1] ?? "" : String(value));
const letters = (value: number) => {
  // Word's letters repeat past Z: AA, BB, …
  const letter = String.fromCharCode(0x61 + ((value - 1) % 26));
  return value >= 1 ? letter.repeat(Math.floor((value - 1) / 26) + 1) : String(value);
};
const roman = (value: number) => {
  if (value < 1 || value >= 4000) return String(value);
  const numerals: Array<[number, string]> = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let rest = value;
  let out = "";
  for (const [amount, numeral] of numerals) for (; rest >= amount; rest -= amount) out += numeral;
  return out;
};

// Both Chinese counting formats are written as nzh's counting numerals (十一, 二十一), the form plans' headings
// use; Word's finer differences between them were not measured.
const formats: Readonly<Record<string, (value: number) => string>> = {
  decimal: String,
  decimalZero: (value) => String(value).padStart(2, "0"),
  decimalFullWidth: (value) => [...String(value)].map((digit) => String.fromCodePoint(0xff10 + Number(digit))).join(""),
  decimalEnclosedCircle: circled(0x2460, 0x2473),
  decimalEnclosedCircleChinese: circled(0x2460, 0x2473),
  decimalEnclosedParen: circled(0x2474, 0x2487),
  decimalEnclosedFullstop: circled(0x2488, 0x249b),
  lowerLetter: letters,
  upperLetter: (value) => letters(value).toUpperCase(),
  lowerRoman: roman,
  upperRoman: (value) => roman(value).toUpperCase(),
  chineseCounting: (value) => Nzh.encodeS(value),
  chineseCountingThousand: (value) => Nzh.encodeS(value),
  chineseLegalSimplified: (value) => Nzh.encodeB(value),
  taiwaneseCounting: (value) => NzhTraditional.encodeS(value),
  taiwaneseCountingThousand: (value) => NzhTraditional.encodeS(value),
  ideographDigital: (value) => [...String(value)].map((digit) => "〇一二三四五六七八九"[Number(digit)]).join(""),
  ideographTraditional: cycle("甲乙丙丁戊己庚辛壬癸"),
  ideographZodiac: cycle("子丑寅卯辰巳午未申酉戌亥"),
  none: () => "",
};

/** A counter's value in a Word number format; formats not listed (and bullets' values) show as decimal. */
function formatNumber(value: number, format: string): string {
  return (formats[format] ?? String)(value);
}
