import { defineConfig } from "tsup";

// The two builds run side by side, so neither cleans dist/: the build script empties it first. No source
// maps: they were 42% of the package, and whoever debugs the library runs it from src/ (tsx, vitest).

export default defineConfig([
  {
    entry: { index: "src/index.ts", core: "src/core.ts", node: "src/node.ts", read: "src/read.ts" },
    format: ["esm", "cjs"],
    // tsup's declaration build sets `baseUrl`, which TypeScript 6 reports as deprecated.
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    // import.meta.url in the CommonJS build, so the node entry finds the bundled data either way.
    shims: true,
    // The division table, a JSON file that Node's ESM loader would only import with an attribute; and
    // csv-stringify's browser build, an ES module only, which the CommonJS build could not require on
    // Node before 20.19.
    noExternal: ["china-area-data", "csv-stringify"],
    target: "node20",
  },
  {
    // The audit worker is an entry of its own, ES module only: worker threads load it by file, beside
    // node.js, node.cjs and cli.js, whichever of them starts the threads.
    entry: { cli: "src/cli/main.ts", "audit-worker": "src/corpus/audit-worker.ts" },
    format: ["esm"],
    noExternal: ["china-area-data"],
    target: "node20",
  },
]);
