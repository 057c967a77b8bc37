// The words for an import preview's errors: the badge and the alert count the same thing (problems,
// not rows with a problem), with the shared plural. Pure; runs in the renderer.
import type { ImportProblem } from '../../../../shared/api/import.contract';
import { plural } from '../../../../shared/reports/format-nl';

/** "1 fout", "2 fouten": the badge next to the row counts. */
export function errorCount(problems: readonly ImportProblem[]): string {
  return plural(problems.length, 'fout', 'fouten');
}

/** "2 fouten in 1 rij: er wordt niets geïmporteerd" (a problem of the whole file has no row). */
export function errorTitle(problems: readonly ImportProblem[]): string {
  const rows = new Set(problems.flatMap((p) => (p.row === null ? [] : [p.row]))).size;
  const where = rows > 0 ? ` in ${plural(rows, 'rij', 'rijen')}` : '';
  return `${errorCount(problems)}${where}: er wordt niets geïmporteerd`;
}

/** "1 waarschuwing in woningen.csv: u kunt wel importeren" — a warning never stops the import. */
export function warningTitle(warnings: readonly ImportProblem[], fileName: string): string {
  return `${plural(warnings.length, 'waarschuwing', 'waarschuwingen')} in ${fileName}: u kunt wel importeren`;
}
