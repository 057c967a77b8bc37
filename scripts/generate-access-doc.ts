// `npm run docs:access`: writes docs/access-matrix.md from the access matrix.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAccessMatrix } from './docs/access-matrix-doc';

const out = join(__dirname, '..', 'docs', 'access-matrix.md');
writeFileSync(out, renderAccessMatrix());
console.log(`Geschreven: ${out}`);
