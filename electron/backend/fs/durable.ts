// Durability helpers for the crash-safe writes (database conversion, keyring, backups, restore): flush a
// file's bytes, and a folder's entry after a rename, to the disk. Node only.
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flushes a written file to the disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable (POSIX); best effort, since Windows cannot open a folder for fsync (the rename itself is atomic). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
