import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Application, Logger, LogLevel, ReflectionKind, TSConfigReader, TypeDocReader, type ProjectReflection } from "typedoc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The API reference as `npm run docs` builds it (typedoc.json), written to a temporary folder. TypeDoc's
// own validation finds undocumented exports and broken links; the examples rule is the project's own.

/** Keeps every warning and error, instead of printing them, so the test can name them. */
class CollectingLogger extends Logger {
  readonly problems: string[] = [];

  override log(message: string, level: LogLevel): void {
    if (level >= LogLevel.Warn) this.problems.push(message);
  }
}

describe("the API reference", () => {
  const logger = new CollectingLogger();
  let out: string;
  let project: ProjectReflection | undefined;

  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), "plan-align-api-"));
    const app = await Application.bootstrapWithPlugins({ out }, [new TypeDocReader(), new TSConfigReader()]);
    logger.problems.push(...(app.logger.hasWarnings() || app.logger.hasErrors() ? ["reading the TypeDoc options gave warnings"] : []));
    app.logger = logger;
    project = await app.convert();
    if (project !== undefined) {
      app.validate(project);
      await app.generateDocs(project, out);
    }
  }, 120_000);

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("builds with no warning: every export documented, every link resolved", () => {
    expect(logger.problems).toEqual([]);
    expect(project).toBeDefined();
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
  });

  it("covers the browser-safe core, the Node additions and the read stage", () => {
    const modules = project?.getChildrenByKind(ReflectionKind.Module).map((module) => module.name);
    expect(modules).toEqual(expect.arrayContaining(["index", "core", "node", "read"]));
  });

  it("gives every exported function an example", () => {
    const functions = (project?.getReflectionsByKind(ReflectionKind.Function) ?? []).filter((fn) => fn.isDeclaration());
    const withoutExample = functions
      .filter((fn) => !(fn.signatures ?? []).every((signature) => signature.comment?.getTag("@example") !== undefined))
      .map((fn) => fn.getFriendlyFullName());
    expect(functions.length).toBeGreaterThan(40);
    expect(withoutExample).toEqual([]);
  });
});
