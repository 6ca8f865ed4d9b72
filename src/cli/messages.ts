import { parseArgs } from "node:util";
import messages from "../../data/cli/messages.json";

// The command line's own words, in the reader's language. The words are data (data/cli/messages.json),
// looked up by id, so a message is changed or added in both languages side by side.

/** The languages of the command line, as of the reports. */
export type CliLanguage = "zh" | "en";

/** An id of a message in data/cli/messages.json. */
export type MessageId = keyof typeof messages.en;

/** Fills a message with its values: `say("validate.valid", { plan, file })`. */
export type Say = (id: MessageId, values?: Readonly<Record<string, string | number>>) => string;

/** The messages of one language, as a function of an id and the values of its `{placeholders}`. */
export function messagesIn(language: CliLanguage): Say {
  const table: Readonly<Record<string, string>> = messages[language];
  return (id, values = {}) => table[id]!.replace(/\{(\w+)\}/gu, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

/** The environment variables the language is read from, as POSIX orders them for messages. */
type LocaleEnvironment = Readonly<Partial<Record<"LC_ALL" | "LC_MESSAGES" | "LANG", string>>>;

/**
 * The language the command line speaks: `--lang` when given (on any command), else the locale: the first of
 * LC_ALL, LC_MESSAGES and LANG that is set and not empty, as POSIX has it for messages. A locale starting
 * with `zh` (zh_CN.UTF-8, zh_TW, zh) is Chinese, any other (C, POSIX, en_US.UTF-8) English. With none of
 * the three set (as on Windows), the runtime's default locale (Intl) decides, which there follows the
 * system's language.
 *
 * `--lang` is found before commander parses the arguments, since help and parse errors are written while
 * it parses; node's own parseArgs reads it, every other argument passed over.
 */
export function cliLanguage(args: readonly string[], environment: LocaleEnvironment, defaultLocale = Intl.DateTimeFormat().resolvedOptions().locale): CliLanguage {
  const given = parseArgs({ args: [...args], options: { lang: { type: "string" } }, strict: false, allowPositionals: true }).values.lang;
  if (given === "zh" || given === "en") return given;
  const locale = [environment.LC_ALL, environment.LC_MESSAGES, environment.LANG].find((value) => value !== undefined && value !== "") ?? defaultLocale;
  return /^zh(?:[_\-.@]|$)/iu.test(locale) ? "zh" : "en";
}
