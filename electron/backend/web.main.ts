// `npm run web`: browser mode. Serves the built renderer and the API on 127.0.0.1 behind the gate
// (first start or login in the browser; the database opens at the first login), and prints the address
// with its token. Node only.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHostGate } from './auth/gate';
import { startHostBackups } from './backup/scheduler';
import { startHttpServer } from './http/http-server';
import { readStartReviewFile } from './review/start-file';
import { defaultDatabasePath, demoDatasetPath, prepareDatabaseFolder, sourceRoot } from './paths';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      review: { type: 'string' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Gebruik: npm run web -- [--db BESTAND] [--port POORT] [--review BESTAND]
  --db       databasebestand (standaard ${defaultDatabasePath()})
  --port     poort op 127.0.0.1 (standaard 5178; 0 kiest een vrije poort)
  --review   opent dit beoordelingsbestand (.beoordeling) meteen in de beoordelingsmodus; geen database nodig
Bij de eerste start maakt u in de browser de eerste gebruiker (voorzitter) en kiest u of de fictieve
demoregio wordt geladen; daarna meldt iedereen zich aan met naam en wachtwoordzin.`);
    return;
  }
  const root = sourceRoot();
  const staticDir = join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`De gebouwde interface ontbreekt in ${staticDir}; voer eerst 'npm run build' uit.`);
  }
  const file = resolve(values.db ?? defaultDatabasePath());
  // The data folder is the owner's only (0700); the database file is made 0600 when opened.
  prepareDatabaseFolder(file);
  const port = values.port === undefined ? 5178 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: '${values.port}' is geen poortnummer.`);

  // --no-demo is still accepted (older scripts); the first start now asks whether to load the demo region.
  // --review: the page opens straight into that review (checked now, so a wrong path stops here).
  const review = values.review === undefined ? null : resolve(values.review);
  if (review) readStartReviewFile(review);
  const gate = createHostGate({ file, host: 'browser', demoFile: demoDatasetPath(root) }, { startReview: () => review });
  const server = await startHttpServer({ gate, staticDir, port });
  const state = gate.vault.state();
  const next = review ? `Beoordelingsbestand: ${review} (opent in de beoordelingsmodus).` : state === 'setup' ? 'Eerste start: maak in de browser de eerste gebruiker aan.' : state === 'convert' ? 'Deze database is nog niet versleuteld: maak in de browser de eerste gebruiker aan, dan wordt hij versleuteld.' : 'Meld u aan in de browser.';
  console.log(`Uitstroomtafel draait in browsermodus.\nDatabase: ${file}\n${next}\nOpen in uw browser: ${server.url}\n(Stop met Ctrl+C.)`);
  // Backups: daily while the database is open (after the first login), and one on stopping.
  const backups = startHostBackups(gate.vault);
  const stop = async () => {
    await server.close();
    await backups.onClose();
    gate.endAll();
    await gate.vault.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`Fout: ${(e as Error).message}`);
  process.exit(1);
});
