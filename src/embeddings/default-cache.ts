import envPaths from "env-paths";
import path from "node:path";

/**
 * Where the command line and `npm run eval` keep vectors unless told otherwise: plan-align/embeddings in the
 * user's cache folder ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA%
 * on Windows, where it is plan-align\Cache\embeddings). The library keeps none unless given a folder.
 */
export const defaultEmbeddingsCache = (): string => path.join(envPaths("plan-align", { suffix: "" }).cache, "embeddings");
