// Reading a review file the liaison opens (picked, or the one the app was started with): the JSON
// checked against the review format, every problem said in Dutch with the file's name. Runs in the renderer.
import { OLD_VERSION_ADVICE, ReviewFile, isOldVersion } from '../../../../shared/review/review-file';

/** The review file in `text`, or an Error whose message names the file and what is wrong. */
export function readReviewFile(fileName: string, text: string): ReviewFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error(`${fileName} is geen beoordelingsbestand (geen geldige JSON).`);
  }
  if (isOldVersion(raw)) throw new Error(`${fileName} is ${OLD_VERSION_ADVICE}.`);
  const parsed = ReviewFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new Error(`${fileName} is geen beoordelingsbestand (${first ? `${where}${first.message}` : 'onbekende vorm'}).`);
  }
  return parsed.data;
}
