// Writes the fictional Flevoland demo region to resources/demo/flevoland.json (run: `npm run demo`).
// Node script (tsx); the data itself is built by scripts/demo/generate.ts and checked with checkDataset first.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkDataset, formatProblems } from '../shared/dataset/validate';
import { buildDemo, DEMO_FILE, renderDataset } from './demo/generate';

const target = resolve(__dirname, '..', DEMO_FILE);
const check = checkDataset(buildDemo());
if (!check.ok) {
  console.error(`The generated demo is not a valid dataset (${check.problems.length} problems):`);
  console.error(formatProblems(check.problems, DEMO_FILE));
  process.exit(1);
}
writeFileSync(target, renderDataset(check.dataset), 'utf8');
const d = check.dataset;
console.log(
  `Wrote ${DEMO_FILE}: ${d.municipalities.length} municipalities, ${d.neighbourhoods.length} neighbourhoods, ` +
    `${d.units.length} units, ${d.clients.length} clients, ${d.placements.length} placements.`,
);
