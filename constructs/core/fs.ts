import * as fs from "fs";
import * as path from "path";

/**
 * Writes `content` to `file` through a temporary file of this process and a rename, creating the
 * folder: a reader (or a concurrent synth) sees the old file or the whole new one, never half of it.
 * Renames within one folder replace the target atomically on POSIX and NTFS.
 */
export function atomicWriteFile(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
