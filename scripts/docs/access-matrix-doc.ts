// Renders docs/access-matrix.md from the one access matrix in shared/auth/access-matrix.ts, so the
// document never drifts from what the backend enforces. `npm run docs:access` writes it; a test compares.
import { METHOD_NAMES } from '../../shared/api/contract';
import { ACCESS_MATRIX, type Grant, type MethodAccess } from '../../shared/auth/access-matrix';
import { ROLES, ROLE_LABELS } from '../../shared/auth/roles';

const MARK: Record<Grant, string> = { yes: 'ja', own: 'eigen', no: '—' };

export function renderAccessMatrix(): string {
  const head = [
    '# Access matrix: who may use which method',
    '',
    'Generated from `shared/auth/access-matrix.ts` by `npm run docs:access`; a test fails when this file',
    'and the code differ. The backend enforces it for every call, whatever the screen shows: the',
    'dispatcher checks the logged-in role before the handler runs; a refused call gets FORBIDDEN, writes',
    'nothing and is written to the audit log (`denied`).',
    '',
    '- **ja**: the whole method and every field of its answer.',
    '- **eigen**: only the role\'s own records — a provider worker (medewerker zorgaanbieder) only the clients',
    '  of their own care provider; a liaison (contactpersoon corporatie) only their own corporation\'s review',
    '  files and homes. The input is narrowed or checked before the handler, the output filtered after.',
    '- **—**: refused.',
    '',
    'Fields: a liaison sees only what the review file shows (pseudonym, household, income class, support,',
    'housing needs; never diagnoses, names or notes). Every role but the chair gets `app.info` without the',
    'database path. The read-only role sees counts only (`monitor.figures`).',
    '',
    `| Methode | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} | Toelichting |`,
    `| --- | ${ROLES.map(() => ':---:').join(' | ')} | --- |`,
  ];
  const rows = [...METHOD_NAMES].sort().map((m) => {
    const a = ACCESS_MATRIX[m] as MethodAccess;
    const note = a.public ? `open (${a.note ?? 'vóór het inloggen'})` : (a.note ?? '');
    return `| \`${m}\` | ${ROLES.map((r) => (a.public ? 'open' : MARK[a[r]])).join(' | ')} | ${note} |`;
  });
  return [...head, ...rows, ''].join('\n');
}
