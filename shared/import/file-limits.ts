// The largest file the register import takes, and the message for one over it: one rule for the
// import screen (checked before the file is sent), the CLI and the backend. Pure TypeScript.

/** The file itself: the API's base64 body limit for imports allows about 36 MB. */
export const IMPORT_FILE_MAX_BYTES = 36 * 1024 * 1024;

/** "Bestand X is geen geldig of te groot spreadsheet: <reason>." */
export function invalidOrTooLargeMessage(fileName: string, reason: string): string {
  return `Bestand ${fileName} is geen geldig of te groot spreadsheet: ${reason}.`;
}

/** The refusal of a file by its size alone; null when the size is allowed. */
export function fileSizeMessage(fileName: string, size: number, maxBytes: number = IMPORT_FILE_MAX_BYTES): string | null {
  if (size <= maxBytes) return null;
  return invalidOrTooLargeMessage(fileName, `het is ${Math.ceil(size / 1024 / 1024)} MB (hoogstens ${Math.floor(maxBytes / 1024 / 1024)} MB)`);
}
