// docs/access-matrix.md is the access matrix the backend enforces: regenerate it with
// `npm run docs:access` when the matrix changes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAccessMatrix } from '../../scripts/docs/access-matrix-doc';

describe('docs/access-matrix.md', () => {
  it('matches shared/auth/access-matrix.ts', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/access-matrix.md', import.meta.url)), 'utf8');
    expect(doc).toBe(renderAccessMatrix());
  });
});
