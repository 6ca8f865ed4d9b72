// Inlined by the build (a named import, so only the version is), so every output can say which plan-align
// made it wherever the package is installed.
import { version as packageVersion } from "../../package.json";

/** plan-align's version (package.json), as every JSON output records it. */
export const version: string = packageVersion;
