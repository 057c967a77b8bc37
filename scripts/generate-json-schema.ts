// Writes resources/dataset.schema.json from the zod Dataset schema (run: `npm run schema`).
// Node script (tsx). With --check it writes nothing and exits 1 when the committed file is out of date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSON_SCHEMA_FILE, renderJsonSchema } from './schema/json-schema';

const target = resolve(__dirname, '..', JSON_SCHEMA_FILE);
const expected = renderJsonSchema();

if (process.argv.includes('--check')) {
  const actual = existsSync(target) ? readFileSync(target, 'utf8') : null;
  if (actual !== expected) {
    console.error(`${JSON_SCHEMA_FILE} is ${actual === null ? 'missing' : 'out of date'}; run \`npm run schema\`.`);
    process.exit(1);
  }
  console.log(`${JSON_SCHEMA_FILE} is up to date.`);
} else {
  writeFileSync(target, expected, 'utf8');
  console.log(`Wrote ${JSON_SCHEMA_FILE}.`);
}
