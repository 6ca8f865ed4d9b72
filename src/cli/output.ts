import type { Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import { messagesIn, type MessageId, type Say } from "./messages.js";

// Where the command line's output goes: standard output, or a file named with --output.

/** The kinds of file that are not written over, as messages name them. */
type FileType = Extract<MessageId, "output.folder" | "output.fifo" | "output.device" | "output.socket">;

/**
 * Output that cannot go where it was asked to: the user's to fix, so the command exits with 1. Its message
 * is in English; `describe` words it in the command line's language.
 */
export class OutputError extends Error {
  override name = "OutputError";

  constructor(readonly id: MessageId, readonly values: Readonly<Record<string, string>>, readonly fileType?: FileType) {
    super(describeOutputError(messagesIn("en"), id, values, fileType));
  }

  describe(say: Say): string {
    return describeOutputError(say, this.id, this.values, this.fileType);
  }
}

function describeOutputError(say: Say, id: MessageId, values: Readonly<Record<string, string>>, fileType: FileType | undefined): string {
  return say(id, fileType === undefined ? values : { ...values, type: say(fileType) });
}

/**
 * Ends the command as shells expect when standard output or error cannot be written. A reader that went
 * away (EPIPE, as in `plan-align audit daixian | head`) ends it quietly with exit 0, as most command-line
 * tools do; any other failure (a full disk, ENOSPC; an I/O error, EIO) is reported in one line on
 * standard error and ends it with exit 1. Without this, Node prints a stack trace, and console.log drops
 * the error so the command exits 0 having written nothing.
 */
export function handleOutputStreamErrors(say: Say): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    process.stderr.write(`plan-align: ${say("output.stdoutFailed", { reason: describeSystemError(error) })}\n`);
    process.exit(1);
  });
  // With standard error gone there is nowhere to say so.
  process.stderr.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));
}

/**
 * Writes a command's output to `file`, whole or not at all (write-file-atomic: a temporary file renamed
 * over it). Refused, with nothing written, when `file` is not a regular file (a FIFO, a device, a folder),
 * when it is one of `inputs` (the files and folders the command read), or when its folder does not exist.
 *
 * @throws OutputError naming the file or its folder
 */
export async function writeOutputFile(file: string, text: string, inputs: readonly string[]): Promise<void> {
  const folder = path.dirname(file);
  const folderEntry = await statIfExists(folder);
  if (folderEntry === undefined) throw new OutputError("output.noFolder", { file, folder });
  if (!folderEntry.isDirectory()) throw new OutputError("output.notFolder", { file, folder });
  const existing = await statIfExists(file);
  if (existing !== undefined) {
    if (!existing.isFile()) throw new OutputError("output.notRegular", { file }, fileTypeOf(existing));
    const input = await findSameFile(existing, inputs);
    if (input !== undefined) throw new OutputError("output.isInput", { file, input });
  }
  try {
    await writeFileAtomic(file, text, "utf8");
  } catch (error) {
    // write-file-atomic's own message names its temporary file; the user only knows `file`.
    throw new OutputError("output.failed", { file, reason: describeSystemError(error as NodeJS.ErrnoException) });
  }
}

async function statIfExists(file: string): Promise<Stats | undefined> {
  try {
    return await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new OutputError("output.failed", { file, reason: describeSystemError(error as NodeJS.ErrnoException) });
  }
}

/** The input that is `target` itself (by device and inode, so other spellings and links count), or a file directly in an input folder. */
async function findSameFile(target: Stats, inputs: readonly string[]): Promise<string | undefined> {
  const same = (entry: Stats | undefined) => entry !== undefined && entry.dev === target.dev && entry.ino === target.ino;
  for (const input of inputs) {
    const entry = await stat(input).catch(() => undefined);
    if (same(entry)) return input;
    if (entry?.isDirectory() !== true) continue;
    for (const name of await readdir(input)) {
      const file = path.join(input, name);
      if (same(await stat(file).catch(() => undefined))) return file;
    }
  }
  return undefined;
}

function fileTypeOf(entry: Stats): FileType {
  if (entry.isDirectory()) return "output.folder";
  if (entry.isFIFO()) return "output.fifo";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "output.device";
  return "output.socket";
}

/** "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write", without the path. */
function describeSystemError(error: NodeJS.ErrnoException): string {
  const match = /^[A-Z]+: ([^,]+)/u.exec(error.message);
  return error.code === undefined || match === null ? error.message : `${match[1]} (${error.code})`;
}
