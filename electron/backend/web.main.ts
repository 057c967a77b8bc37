// `npm run web`: browser mode. Opens the database (seeding the demo region on first start),
// serves the built renderer and the API on 127.0.0.1, and prints the address with its token.
// Node only.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend, seedDemoIfEmpty } from './backend';
import { startHttpServer } from './http/http-server';
import { actorName, defaultDatabasePath, demoDatasetPath, prepareDatabaseFolder, sourceRoot } from './paths';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Gebruik: npm run web -- [--db BESTAND] [--port POORT] [--no-demo]
  --db       databasebestand (standaard ${defaultDatabasePath()})
  --port     poort op 127.0.0.1 (standaard 5178; 0 kiest een vrije poort)
  --no-demo  een nieuwe database niet vullen met de demoregio`);
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

  const actor = actorName('browser');
  const backend = await createBackend(file, { host: 'browser' });
  if (!values['no-demo'] && (await seedDemoIfEmpty(backend, demoDatasetPath(root), actor))) {
    console.log('Nieuwe database: de fictieve demoregio Flevoland is geladen.');
  }
  const server = await startHttpServer({ dispatch: backend.dispatch, staticDir, port, actor });
  console.log(`Uitstroomtafel draait in browsermodus.\nDatabase: ${file}\nOpen in uw browser: ${server.url}\n(Stop met Ctrl+C.)`);
  const stop = async () => {
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`Fout: ${(e as Error).message}`);
  process.exit(1);
});
