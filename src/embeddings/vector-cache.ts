import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";

// Vectors kept on disk, so that texts embedded once are not sent again: one small file per text, named by
// the SHA-256 of the model's name and the text, in a folder per model. Each file is written whole and
// renamed into place (write-file-atomic), and read back only when its header and length agree and every
// value is finite: a file cut short by a crash, or damaged, counts as not cached and is written anew.
// Files need no lock: two runs writing the same text write the same vector.

/** The vectors of one model on disk. */
export interface VectorCache {
  /** The model's folder, for messages. */
  folder: string;
  /** The cached vector of a text; undefined when there is none or it cannot be read whole. */
  read(text: string): Promise<Float32Array | undefined>;
  write(text: string, vector: Float32Array): Promise<void>;
}

// A file: these four bytes, the vector's length (uint32), then its values (float32), little-endian.
const magic = Buffer.from("PAV1", "latin1");
const headerBytes = 8;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The cache of `model`'s vectors under `cacheDir`, its folder made if need be. The folder is named by the
 * model (characters a file name cannot safely hold replaced) and a hash of its exact name, so that one
 * model's vectors can be removed alone and no name reaches outside `cacheDir`.
 *
 * @throws Error (from the file system) when the folder cannot be made
 */
export async function openVectorCache(cacheDir: string, model: string): Promise<VectorCache> {
  const folder = path.join(cacheDir, `${model.replace(/[^A-Za-z0-9._-]/gu, "_")}-${sha256(model).slice(0, 8)}`);
  await mkdir(folder, { recursive: true });
  const fileOf = (text: string) => path.join(folder, `${sha256(`${model}\u0000${text}`)}.vec`);
  return {
    folder,
    async read(text) {
      const bytes = await readFile(fileOf(text)).catch(() => undefined);
      return bytes === undefined ? undefined : decodeVector(bytes);
    },
    // Not synced to disk: a file lost or cut short in a power failure reads as not cached.
    write: (text, vector) => writeFileAtomic(fileOf(text), encodeVector(vector), { fsync: false }),
  };
}

export function encodeVector(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(headerBytes + vector.length * 4);
  magic.copy(bytes, 0);
  bytes.writeUInt32LE(vector.length, 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, headerBytes + index * 4));
  return bytes;
}

/** The vector a file holds; undefined when it is not one whole (wrong header or length, a value not finite). */
export function decodeVector(bytes: Buffer): Float32Array | undefined {
  if (bytes.length < headerBytes || !bytes.subarray(0, 4).equals(magic)) return undefined;
  const length = bytes.readUInt32LE(4);
  if (length === 0 || bytes.length !== headerBytes + length * 4) return undefined;
  const vector = new Float32Array(length);
  for (let index = 0; index < length; index++) {
    const value = bytes.readFloatLE(headerBytes + index * 4);
    if (!Number.isFinite(value)) return undefined;
    vector[index] = value;
  }
  return vector;
}
