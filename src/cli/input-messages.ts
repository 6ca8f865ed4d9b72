import { describeIssue, type PlanIssue } from "../model/input-error.js";
import type { CliLanguage, Say } from "./messages.js";

// Problems with an input (a plan file, a document, a review, a manifest) as the command line prints them.
// The load and read stages word them in English, for the library's users; in Chinese each line is framed
// in Chinese, naming the file and the path inside it, and the reasons met most often are translated. A
// reason not translated here is kept in English after the Chinese frame, so nothing said is lost.

/** A reason as the load and read stages word it, and its Chinese. */
const reasons: ReadonlyArray<readonly [RegExp, (...parts: string[]) => string]> = [
  [/^cannot read the file: (.+)$/su, (why) => `无法读取文件：${why}`],
  [/^cannot read the folder: (.+)$/su, (why) => `无法读取文件夹：${why}`],
  [/^no such file: (.+)$/su, (file) => `文件不存在：${file}`],
  [/^neither a bundled plan id \((.+)\) nor a file$/u, (ids) => `既不是内置规划编号（${ids}），也不是文件`],
  [/^not valid JSON: (.+)$/su, (why) => `不是有效的 JSON：${why}`],
  [/^not valid YAML: (.+)$/su, (why) => `不是有效的 YAML：${why}`],
  [/^not valid CSV: (.+)$/su, (why) => `不是有效的 CSV：${why}`],
  [/^not UTF-8: byte (\d+) \((0x[0-9A-F]+)\) does not start a valid character; save the file as UTF-8$/u,
    (at, hex) => `不是 UTF-8 编码：第 ${at} 字节（${hex}）不是有效字符的开头；请将文件另存为 UTF-8`],
  [/^the key "(.+)" is repeated; each key may appear once$/u, (key) => `键“${key}”重复出现；每个键只能出现一次`],
  [/^not found in the source (.+?): "(.*)"$/su, (source, quote) => `原文 ${source} 中找不到这段引文：“${quote}”`],
  [/^source text not found; looked in (.+)$/su, (places) => `找不到原文；已查找：${places}`],
  [/^a plan, not a document: it states its own (.+?); what is given for a document applies only to documents, which are extracted$/u,
    (given) => `这是规划而不是文档：规划自己写明了 ${given}；为文档给出的信息只用于需要提取规划的文档`],
  [/^standard input can be read once: give - for one input only$/u, () => "标准输入只能读取一次：只能有一个输入使用 -"],
  [/^Invalid input: expected (\w+), received (\w+)$/u, (expected, received) => `输入无效：应为 ${expected}，实际为 ${received}`],
  [/^Invalid input$/u, () => "输入无效"],
];

/** A reason in Chinese where it is known, else as the stage worded it. */
function chineseReason(reason: string): string {
  for (const [pattern, chinese] of reasons) {
    const match = pattern.exec(reason);
    if (match !== null) return chinese(...match.slice(1));
  }
  return reason;
}

/** One problem of an input as a line says it, in the command line's language (English: as `describeIssue` has it). */
export function describeInputIssue(input: string, issue: PlanIssue, language: CliLanguage, say: Say): string {
  if (language === "en") return describeIssue(input, issue);
  const reason = chineseReason(issue.message);
  return issue.path === "" ? say("issue.whole", { input, reason }) : say("issue.at", { input, path: issue.path, reason });
}

/**
 * A line of why a batch's input could not be read (`file: path: reason`, as the load stage lists it), in the
 * command line's language: in Chinese, framed as `describeInputIssue` frames a problem, the reason translated
 * where it is known.
 */
export function describeUnreadableLine(file: string, line: string, language: CliLanguage, say: Say): string {
  const prefix = `${file}: `;
  if (language === "en" || !line.startsWith(prefix)) return line;
  return say("issue.whole", { input: file, reason: chineseReason(line.slice(prefix.length)) });
}
