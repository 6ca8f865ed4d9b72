import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { PlanLoadError } from "../model/plan-load-error.js";

/** The names of a zip archive's entries, from its central directory, nothing unpacked. */
export function listZipEntries(bytes: Uint8Array, file: string): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: ({ name }) => (names.push(name), false) });
  } catch (error) {
    throw new PlanLoadError(file, [{ path: "", message: `a zip archive (as .docx files are) that is cut off or damaged: ${(error as Error).message}` }]);
  }
  return names;
}

// Bytes handed to the unpacker at a time: deflate expands at most about 1,000 times, so the unpacked size
// is checked every few megabytes at most, and a bomb is stopped soon after it passes the bound.
const stepBytes = 4096;

/**
 * Unpacks the named entries of a zip archive, counting what they unpack to as it goes: past `maxUnpackedBytes`
 * (all entries together) it stops and refuses the file. Sizes declared in the archive are not trusted.
 *
 * @throws PlanLoadError naming the file and the entry: unpacked too large, damaged or cut off
 */
export function unpackZipEntries(bytes: Uint8Array, wanted: ReadonlySet<string>, maxUnpackedBytes: number, file: string): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array[]>();
  const done = new Map<string, Uint8Array>();
  let total = 0;
  let problem: { path: string; message: string } | undefined;
  const unzip = new Unzip((entry) => {
    if (!wanted.has(entry.name) || done.has(entry.name)) return;
    const chunks: Uint8Array[] = [];
    parts.set(entry.name, chunks);
    entry.ondata = (error, chunk, final) => {
      if (problem !== undefined) return;
      if (error !== null) {
        problem = { path: entry.name, message: `damaged: ${error.message}` };
        return;
      }
      total += chunk.length;
      if (total > maxUnpackedBytes) {
        problem = { path: entry.name, message: `unpacks to more than ${maxUnpackedBytes} bytes (limits.maxUnpackedBytes): refused as a zip bomb` };
        entry.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) done.set(entry.name, concatenate(chunks));
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && problem === undefined; at += stepBytes) {
      unzip.push(bytes.subarray(at, at + stepBytes), at + stepBytes >= bytes.length);
    }
  } catch (error) {
    problem ??= { path: "", message: `a zip archive that is cut off or damaged: ${(error as Error).message}` };
  }
  if (problem !== undefined) throw new PlanLoadError(file, [problem]);
  for (const name of parts.keys()) {
    if (!done.has(name)) throw new PlanLoadError(file, [{ path: name, message: "cut off: the archive ends inside this part" }]);
  }
  return done;
}

function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
