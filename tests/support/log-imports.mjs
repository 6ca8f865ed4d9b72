// Prints every module Node resolves to standard error, one "import:" line each: tests use it to see what a
// command loads. Registered with `node --import ./tests/support/log-imports.mjs`.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      process.stderr.write("import: " + result.url + "\\n");
      return result;
    }
  `)}`,
);
