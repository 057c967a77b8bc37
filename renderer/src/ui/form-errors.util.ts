// Field errors for forms: problems from the server ({path, message}) and from the local checks, by
// field path (e.g. `networkPlaces.0.municipalityCode`), in the same format. Runs in the renderer.
import type { z } from 'zod';
import type { ApiProblem } from '../../../shared/api/result';

export type FieldErrors = Record<string, string>;

export function toFieldErrors(problems: readonly ApiProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    errors[p.path] = errors[p.path] ? `${errors[p.path]}; ${p.message}` : p.message;
  }
  return errors;
}

export function zodProblems(error: z.ZodError): ApiProblem[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** A Dutch, human-readable field name for a path the form cannot place next to a field. */
export function problemLine(p: ApiProblem, labels: Record<string, string>): string {
  const head = p.path.split('.')[0] ?? p.path;
  return `${labels[p.path] ?? labels[head] ?? p.path}: ${p.message}`;
}

/** A date field's value: '' → null, otherwise the date 'yyyy-mm-dd' (the form checks typed text first). */
export function dateOrNull(value: string): string | null {
  const t = value.trim();
  return t === '' ? null : t;
}
