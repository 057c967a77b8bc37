// The review file a host was started with (`npm run web -- --review FILE`, or the desktop app opened on
// a .beoordeling file): read on request, before any login, for the review mode. Node only.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../shared/api/result';
import { REVIEW_FILE_MAX } from '../../../shared/review/review-file';

export interface StartReviewFile {
  fileName: string;
  content: string;
}

/** The file's name and text; a missing, unreadable or oversized file is refused in Dutch, naming it. */
export function readStartReviewFile(path: string): StartReviewFile {
  const fileName = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new AppError('VALIDATION', `Beoordelingsbestand ${fileName} is geen bestand.`);
    size = stat.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `Beoordelingsbestand ${path} bestaat niet of kan niet worden gelezen.`);
  }
  if (size > REVIEW_FILE_MAX) throw new AppError('VALIDATION', `Beoordelingsbestand ${fileName} is te groot (meer dan ${REVIEW_FILE_MAX / 1_000_000} MB).`);
  return { fileName, content: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
}
