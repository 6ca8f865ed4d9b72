import { gzipSync } from "node:zlib";
import path from "node:path";
import * as esbuild from "esbuild";

const root = path.join(import.meta.dirname, "../..");

/** A browser bundle of a program, as an application would ship it: its text and its sizes in bytes. */
export interface Bundle {
  text: string;
  minified: number;
  gzipped: number;
}

/**
 * Bundles a program that imports from the package by name (resolved to this package's dist/, through its
 * `exports`), for browsers, minified, with UTF-8 output as Vite and Rollup write it, and gzips it at
 * the highest level.
 */
export async function bundleForBrowser(program: string): Promise<Bundle> {
  const result = await esbuild.build({
    stdin: { contents: program, resolveDir: root, sourcefile: "program.js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    charset: "utf8",
    write: false,
    logLevel: "error",
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error("esbuild wrote no bundle");
  return { text: output.text, minified: output.contents.length, gzipped: gzipSync(output.contents, { level: 9 }).length };
}
