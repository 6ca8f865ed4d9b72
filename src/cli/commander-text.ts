import type { Argument, Help, Option } from "commander";
import type { CliLanguage } from "./messages.js";

// commander's own words (help headings, the notes on choices and defaults, parse errors) in Chinese,
// through what commander lets a program configure: configureHelp for the help, configureOutput for the
// errors. In English commander is left as it is.

const titles: Readonly<Record<string, string>> = {
  "Usage:": "用法：",
  "Arguments:": "参数：",
  "Options:": "选项：",
  "Global Options:": "全局选项：",
  "Commands:": "命令：",
};

/** A term's choices and default, as commander notes them after its description, in Chinese. */
function describeInChinese(description: string, choices: readonly string[] | undefined, defaultValue: string | undefined): string {
  const notes = [
    ...(choices === undefined ? [] : [`可选值：${choices.join("、")}`]),
    ...(defaultValue === undefined ? [] : [`默认：${defaultValue}`]),
  ];
  return notes.length === 0 ? description : `${description}（${notes.join("；")}）`;
}

/** A default as the help shows it: its description if it has one, a word as it is, anything else as JSON. */
const describeDefault = (value: unknown, description: string | undefined) => description ?? (typeof value === "string" ? value : JSON.stringify(value));

/** The default commander would show for an option: for options that take a value, and boolean defaults. */
function shownDefault(option: Option): string | undefined {
  if (option.defaultValue === undefined) return undefined;
  const shown = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === "boolean");
  return shown ? describeDefault(option.defaultValue, option.defaultValueDescription) : undefined;
}

/** Columns as a terminal counts them: Chinese characters and full-width punctuation take two. */
function displayWidth(text: string): number {
  // Colour codes take none (commander strips them the same way).
  const plain = text.replace(/\x1b\[\d*(?:;\d*)*m/gu, "");
  let width = 0;
  for (const character of plain) width += /[\p{Script=Han}\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u.test(character) ? 2 : 1;
  return width;
}

/** Below this width commander does not wrap descriptions; nor is Chinese wrapped. */
const narrowestWrapped = 40;

/**
 * Text wrapped to `width` columns as commander wraps it, but where Chinese may break between any two
 * characters (it has no spaces to break at), never before closing punctuation nor after opening.
 */
function wrapChinese(text: string, width: number): string {
  if (width < narrowestWrapped) return text;
  const chunk = /\s*[（“‘「《]*(?:\p{Script=Han}|[^\s\p{Script=Han}（“‘「《]+)[，。；：、）”’」》？！]*/gu;
  return text.split(/\r\n|\n/u).map((line) => {
    const lines: string[] = [];
    let current = "";
    for (const [piece] of line.matchAll(chunk)) {
      if (current !== "" && displayWidth(current) + displayWidth(piece) > width) {
        lines.push(current);
        current = piece.trimStart();
      } else current += piece;
    }
    lines.push(current);
    return lines.join("\n");
  }).join("\n");
}

/** What `program.configureHelp` is given: nothing in English, Chinese headings and notes in Chinese. */
export function helpConfiguration(language: CliLanguage): Partial<Help> {
  if (language === "en") return {};
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (option: Option) => describeInChinese(option.description, option.argChoices, shownDefault(option)),
    argumentDescription: (argument: Argument) =>
      describeInChinese(argument.description, argument.argChoices, argument.defaultValue === undefined ? undefined : describeDefault(argument.defaultValue, argument.defaultValueDescription)),
    displayWidth,
    boxWrap: wrapChinese,
  };
}

/**
 * commander's parse errors, as it words them (command.js, option.js, suggestSimilar.js), and their
 * Chinese. An error not here (a later commander's new wording) is shown in English, as commander wrote it.
 */
const commanderErrors: ReadonlyArray<readonly [RegExp, (...parts: string[]) => string]> = [
  [/^error: missing required argument '(.+)'$/u, (name) => `错误：缺少必需的参数“${name}”`],
  [/^error: option '(.+)' argument missing$/u, (flags) => `错误：选项“${flags}”缺少取值`],
  [/^error: unknown option '(.+)'$/u, (flag) => `错误：未知选项“${flag}”`],
  [/^error: unknown command '(.+)'$/u, (name) => `错误：未知命令“${name}”`],
  [/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/u,
    (command, expected, got) => `错误：参数过多${command === undefined ? "" : `（${command}）`}：应为 ${expected} 个，给出了 ${got} 个。`],
  [/^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/u,
    (flags, value, choices) => `错误：选项“${flags}”的取值“${value}”无效，可选值：${choices.split(", ").join("、")}。`],
  // The rest of an invalid value's message is the program's own (an argParser's InvalidArgumentError), already in Chinese.
  [/^error: option '(.+)' argument '(.*)' is invalid\. (.+)$/u, (flags, value, reason) => `错误：选项“${flags}”的取值“${value}”无效：${reason}`],
  [/^\(Did you mean one of (.+)\?\)$/u, (names) => `（您是否要找：${names.split(", ").join("、")}？）`],
  [/^\(Did you mean (.+)\?\)$/u, (name) => `（您是否要找：${name}？）`],
];

/** A parse error as commander writes it (one or more lines), in the command line's language. */
export function localizeCommanderError(text: string, language: CliLanguage): string {
  if (language === "en") return text;
  return text.split("\n").map((line) => {
    for (const [pattern, chinese] of commanderErrors) {
      const match = pattern.exec(line);
      if (match !== null) return chinese(...match.slice(1));
    }
    return line;
  }).join("\n");
}
