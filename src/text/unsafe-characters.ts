// Characters in plan text that would act on the reader's screen instead of showing as text: terminal
// control sequences, and the Unicode controls that reorder how a line is displayed.
// Reports strip them from what they show; documents lose them when read, so no plan extracted from one holds them.
// Written by hand: the report renderers are browser-safe, so node:util's stripVTControlCharacters is out of
// reach, and it would leave lone controls (backspace, carriage return) that still rewrite the line.

// CSI (ESC [ or U+009B): parameter and intermediate bytes, then a final byte when there is one.
const csi = String.raw`(?:\u001B\[|\u009B)[\u0020-\u003F]*[\u0040-\u007E]?`;
// OSC, DCS, SOS, PM, APC: a payload up to BEL or ST; an unterminated one ends at the line's end, so it
// cannot swallow the rest of the report.
const controlString = String.raw`(?:\u001B[\]PX^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C\n]*(?:\u0007|\u001B\\|\u009C)?`;
// Any other escape: ESC and the one character it introduces.
const escape = String.raw`\u001B[\u0020-\u007E]?`;
const controlSequence = new RegExp(`${csi}|${controlString}|${escape}`, "gu");
// What is left of C0 and C1 (DEL included) once sequences are gone, except line feed and tab.
const loneControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;

/** Text without terminal control sequences or C0/C1 controls; line feeds and tabs stay. */
export function stripControlCharacters(text: string): string {
  return text.replace(controlSequence, "").replace(loneControl, "");
}

// Embeddings, overrides, isolates and the implicit marks: any of them can make a name display reversed.
const bidiControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Text with every Unicode bidirectional control replaced by its code point in brackets ("[U+202E]"): the
 * text then displays in the order it is stored, and a reader sees that the source held such a control.
 */
export function revealBidiControls(text: string): string {
  return text.replace(bidiControl, codePoint);
}

const codePoint = (character: string) => `[U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`;

// C0 and C1 controls (DEL included) but the line breaks and tab a spreadsheet cell may hold.
const cellControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

/**
 * Text for a spreadsheet cell: every bidi control and every control but tab, line feed and carriage return
 * shown as its code point in brackets, as `revealBidiControls` does, so that a reader of the CSV in Excel
 * sees that the source held one and nothing reorders or rewrites the cell.
 */
export function revealControlCharacters(text: string): string {
  return revealBidiControls(text).replace(cellControl, codePoint);
}
