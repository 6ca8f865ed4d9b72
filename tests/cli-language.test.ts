import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import messages from "../data/cli/messages.json";
import { localizeCommanderError } from "../src/cli/commander-text.js";
import { describeInputIssue, describeUnreadableLine } from "../src/cli/input-messages.js";
import { cliLanguage, messagesIn } from "../src/cli/messages.js";
import { OutputError } from "../src/cli/output.js";
import { nearestPlans } from "../src/cli/suggest-plan.js";

// The command line in the reader's language: Chinese with --lang zh or a Chinese locale, English otherwise.

const root = path.join(import.meta.dirname, "..");

/** The environment less its locale, so each run says which locale it has. */
function environmentWith(locale: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, LANGUAGE: _language, ...rest } = process.env;
  return { ...rest, ...locale };
}

/** Runs the CLI from source; `preload` is a module run first (to make standard output a terminal). */
function runCli(args: readonly string[], locale: Readonly<Record<string, string>>, preload: readonly string[] = []) {
  const result = spawnSync(process.execPath, ["--import", "tsx", ...preload.flatMap((module) => ["--import", module]), path.join(root, "src/cli/main.ts"), ...args], {
    cwd: root, encoding: "utf8", env: environmentWith(locale),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// What Node sets when standard output (error) is a terminal; the CLI reads nothing else to tell one.
const stdoutIsTerminal = `data:text/javascript,Object.defineProperty(process.stdout, "isTTY", { value: true })`;
const stderrIsTerminal = `data:text/javascript,Object.defineProperty(process.stderr, "isTTY", { value: true })`;

describe("the command line's language", () => {
  it("is --lang when given, else the first of LC_ALL, LC_MESSAGES and LANG that is set, else the runtime's", () => {
    expect(cliLanguage(["audit", "nanyang", "--lang", "zh"], { LANG: "C" })).toBe("zh");
    expect(cliLanguage(["audit", "--lang=en", "nanyang"], { LC_ALL: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLanguage(["--help"], { LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(cliLanguage([], { LC_ALL: "C", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLanguage([], { LC_ALL: "", LC_MESSAGES: "zh_TW.UTF-8", LANG: "en_US.UTF-8" })).toBe("zh");
    expect(cliLanguage([], { LANG: "zh" })).toBe("zh");
    expect(cliLanguage([], { LANG: "POSIX" })).toBe("en");
    expect(cliLanguage([], {}, "zh-CN")).toBe("zh");
    expect(cliLanguage([], {}, "en-US")).toBe("en");
    // A value commander will refuse leaves the locale in force; zhx is not Chinese.
    expect(cliLanguage(["--lang", "fr"], { LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(cliLanguage([], { LANG: "zhx" })).toBe("en");
    // After --, `--lang` is an argument, not the option.
    expect(cliLanguage(["audit", "--", "--lang", "zh"], { LANG: "C" })).toBe("en");
  });

  it("has every message in both languages, with the same placeholders", () => {
    const [english, chinese] = [messages.en, messages.zh];
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((match) => match[1]).sort();
    for (const [id, text] of Object.entries(english)) expect(placeholders(chinese[id as keyof typeof chinese]), id).toEqual(placeholders(text));
    expect(messagesIn("zh")("validate.valid", { plan: "daixian", file: "x.json" })).toBe("✓ daixian：有效（x.json）");
  });

  it("words commander's errors in Chinese, and leaves them as they are in English", () => {
    const unknown = "error: unknown command 'audti'\n(Did you mean audit?)\n";
    expect(localizeCommanderError(unknown, "zh")).toBe("错误：未知命令“audti”\n（您是否要找：audit？）\n");
    expect(localizeCommanderError(unknown, "en")).toBe(unknown);
    expect(localizeCommanderError("error: option '-f, --format <format>' argument 'xx' is invalid. Allowed choices are text, json.\n", "zh"))
      .toBe("错误：选项“-f, --format <format>”的取值“xx”无效，可选值：text、json。\n");
    expect(localizeCommanderError("error: too many arguments for 'compare'. Expected 2 arguments but got 3.", "zh")).toBe("错误：参数过多（compare）：应为 2 个，给出了 3 个。");
    // A wording it does not know stays as commander wrote it.
    expect(localizeCommanderError("error: something new", "zh")).toBe("error: something new");
  });

  it("frames a load error in Chinese with the file and the path, translating the reasons it knows and keeping the rest", () => {
    const [zh, en] = [messagesIn("zh"), messagesIn("en")];
    const repeated = { path: "tasks[2]", message: 'the key "title" is repeated; each key may appear once' };
    expect(describeInputIssue("plan.json", repeated, "zh", zh)).toBe("plan.json 中 tasks[2] 有误：键“title”重复出现；每个键只能出现一次");
    expect(describeInputIssue("plan.json", repeated, "en", en)).toBe('plan.json: tasks[2]: the key "title" is repeated; each key may appear once');
    const untranslated = { path: "", message: "unpacks to more than 100 bytes (limits.maxUnpackedBytes): refused as a zip bomb" };
    expect(describeInputIssue("x.docx", untranslated, "zh", zh)).toBe(`x.docx 有误：${untranslated.message}`);
    expect(describeUnreadableLine("a.txt", "a.txt: cannot read the file: EACCES: permission denied", "zh", zh)).toBe("a.txt 有误：无法读取文件：EACCES: permission denied");
  });
});

describe("output that cannot be written", () => {
  it("is said in English as an Error, and in the reader's language by the command line", () => {
    const error = new OutputError("output.notRegular", { file: "out.html" }, "output.fifo");
    expect(error.message).toBe("will not write out.html: it is a FIFO, not a regular file");
    expect(error.describe(messagesIn("zh"))).toBe("不写入 out.html：它是命名管道（FIFO），不是普通文件");
  });
});

describe("suggestions for a name that is no plan", () => {
  const plans = [
    { id: "nanyang", jurisdiction: "南阳市" }, { id: "ningbo", jurisdiction: "宁波市" }, { id: "henan", jurisdiction: "河南省" },
    { id: "daixian", jurisdiction: "代县" }, { id: "national", jurisdiction: "全国" },
  ];
  const ids = (name: string) => nearestPlans(name, plans).map((plan) => plan.id);

  it("names the ids a few edits away, nearest first", () => {
    expect(ids("nanyan")).toEqual(["nanyang"]);
    expect(ids("NanYang2")).toEqual(["nanyang"]);
    expect(ids("henna")).toEqual(["henan"]);
    expect(ids("daxian")).toEqual(["daixian"]);
    expect(ids("no-such-plan")).toEqual([]);
  });

  it("names the plans of a place given in Chinese, with or without its level", () => {
    expect(ids("南阳")).toEqual(["nanyang"]);
    expect(ids("南阳市")).toEqual(["nanyang"]);
    expect(ids("河南")).toEqual(["henan"]);
    expect(ids("代县")).toEqual(["daixian"]);
    expect(ids("北京")).toEqual([]);
  });

  it("names none for a file name or a path, which names a file", () => {
    expect(ids("nanyan.json")).toEqual([]);
    expect(ids("plans/nanyan")).toEqual([]);
  });
});

describe("plan-align in Chinese and in English", () => {
  it("prints help in Chinese under a Chinese locale, and with --lang zh under LANG=C", () => {
    for (const run of [runCli(["audit", "--help"], { LANG: "zh_CN.UTF-8" }), runCli(["audit", "--help", "--lang", "zh"], { LANG: "C" })]) {
      expect(run.status).toBe(0);
      // Chinese wraps between characters: a wrapped line joins its next without a space.
      const help = run.stdout.replace(/\n +/gu, "");
      expect(help).toContain("用法： plan-align audit [options] <plan>");
      expect(help).toContain("对照其上各级规划审查一个规划");
      expect(help).toMatch(/-f, --format <format> +输出格式（可选值：text、json、md、csv、html；默认：text）/u);
      expect(help).not.toContain("output format");
    }
    const top = runCli(["--help"], { LC_MESSAGES: "zh_CN.UTF-8", LANG: "C" });
    expect(top.stdout).toContain("命令：");
    expect(top.stdout).toContain("显示命令帮助");
  });

  it("prints help in English under LANG=C, LC_ALL overriding a Chinese LANG", () => {
    for (const run of [runCli(["audit", "--help"], { LANG: "C" }), runCli(["audit", "--help"], { LC_ALL: "C", LANG: "zh_CN.UTF-8" })]) {
      expect(run.status).toBe(0);
      const help = run.stdout.replace(/\s+/gu, " ");
      expect(help).toContain("Usage: plan-align audit [options] <plan>");
      expect(help).toContain('output format (choices: "text", "json", "md", "csv", "html", default: "text")');
      expect(help).not.toMatch(/用法|输出格式|选项：/u);
    }
  });

  it("suggests the nearest ids for a mistyped id, in the reader's language, with exit 1", () => {
    const chinese = runCli(["audit", "nanyan"], { LANG: "zh_CN.UTF-8" });
    expect(chinese).toMatchObject({ status: 1, stdout: "" });
    expect(chinese.stderr).toBe("plan-align: nanyan 有误：既不是内置规划编号，也不是文件；您是否要找：nanyang（南阳市）？\n");
    const english = runCli(["audit", "南阳"], { LANG: "C" });
    expect(english).toMatchObject({ status: 1, stdout: "" });
    expect(english.stderr).toBe("plan-align: 南阳: neither a bundled plan id nor a file; did you mean: nanyang (南阳市)?\n");
  });

  it("words commander's refusals in Chinese with their exit codes unchanged", () => {
    const badChoice = runCli(["audit", "nanyang", "--format", "xx"], { LANG: "zh_CN.UTF-8" });
    expect(badChoice.status).toBe(1);
    expect(badChoice.stderr).toMatch(/^错误：选项“-f, --format <format>”的取值“xx”无效，可选值：text、json、md、csv、html。\n/u);
    const threads = runCli(["audit-all", "daixian", "--threads", "0", "--lang", "zh"], { LANG: "C" });
    expect(threads.status).toBe(1);
    expect(threads.stderr).toContain("错误：选项“--threads <count>”的取值“0”无效：应为不小于 1 的整数");
  });
});

describe("plan-align audit-all on a terminal", () => {
  // Four audits one after another, on a shared machine.
  it("prints the text summary without -f or -o on a terminal; the HTML page when piped or asked for, exit codes as before", { timeout: 180_000 }, () => {
    const onTerminal = runCli(["audit-all", "daixian", "--threads", "1"], { LANG: "C" }, [stdoutIsTerminal]);
    expect(onTerminal.status).toBe(0);
    expect(onTerminal.stdout).toMatch(/^批量审计/u);
    expect(onTerminal.stdout).toContain("(daixian)");
    const asked = runCli(["audit-all", "daixian", "--threads", "1", "-f", "html"], { LANG: "C" }, [stdoutIsTerminal]);
    expect(asked.stdout).toMatch(/^<!doctype html>/u);
    const piped = runCli(["audit-all", "daixian", "--threads", "1"], { LANG: "C" });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toMatch(/^<!doctype html>/u);
    const failing = runCli(["audit-all", "daixian", "--threads", "1", "--fail-on", "error"], { LANG: "C" }, [stdoutIsTerminal]);
    expect(failing.status).toBe(3);
    expect(failing.stdout).toMatch(/^批量审计/u);
  });

  it("labels its progress bars in the reader's language", { timeout: 120_000 }, () => {
    const chinese = runCli(["audit-all", "daixian", "-f", "json", "--threads", "1"], { LANG: "zh_CN.UTF-8" }, [stderrIsTerminal]);
    expect(chinese.status).toBe(0);
    // Each bar is its label, then the bar itself.
    expect(chinese.stderr).toMatch(/读取 [░█]/u);
    expect(chinese.stderr).toMatch(/审查 [░█]/u);
    const english = runCli(["audit-all", "daixian", "-f", "json", "--threads", "1"], { LANG: "C" }, [stderrIsTerminal]);
    expect(english.status).toBe(0);
    expect(english.stderr).toMatch(/read [░█]/u);
    expect(english.stderr).toMatch(/audit [░█]/u);
    expect(english.stderr).not.toContain("审查");
  });
});
