// `npm run server -- [init|migrate|start] --database postgres://…`: the regional server (issue 15). The
// same backend and web interface as browser mode, for many people at once, on PostgreSQL. Node only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/api/result';
import { accessLine, startHttpServer } from '../http/http-server';
import { sourceRoot } from '../paths';
import { safeUrl } from '../db/open-postgres';
import { initServer, migrateServer, openServerBackend, requirePostgresUrl, resetPassphrase } from './server';
import { startDailyRetention } from './daily-retention';
import { ServerGate } from './server-gate';
import { ServerJobs } from './server-jobs';
import { keepHelperThreadsLow } from '../workers/thread-priority';

const USAGE = `Gebruik:
  npm run server -- init    --database URL --name NAAM --display-name "Volledige naam" [--passphrase-file BESTAND]
  npm run server -- migrate --database URL
  npm run server -- passphrase --database URL --name NAAM [--passphrase-file BESTAND]
  npm run server -- [start] --database URL [--listen ADRES:POORT] [--tls-cert BESTAND --tls-key BESTAND] [--public-url URL]

  --database       PostgreSQL-adres, bijvoorbeeld postgres://uitstroom@dbserver/uitstroomtafel
                   (of in de omgevingsvariabele UITSTROOMTAFEL_DATABASE_URL, zodat een wachtwoord niet in de proceslijst staat)
  init             maakt het schema en de eerste voorzitter; de wachtwoordzin komt uit --passphrase-file
                   (eerste regel) of UITSTROOMTAFEL_PASSPHRASE, nooit een standaardwachtwoord
  migrate          werkt het schema van een bestaande database bij (maak eerst een backup met pg_dump)
  passphrase       stelt als beheerder een nieuwe wachtwoordzin in voor een bestaande gebruiker (als geen
                   voorzitter de zijne meer weet); beëindigt diens sessies en heft een blokkade op
  start            start de server (standaard): met --tls-cert en --tls-key HTTPS op 0.0.0.0:8443;
                   zonder TLS alleen op 127.0.0.1:8080, voor gebruik achter een reverse proxy
  --public-url     het adres dat gebruikers openen als een reverse proxy ervoor staat (https://…)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'public-url': { type: 'string' },
      name: { type: 'string' },
      'display-name': { type: 'string' },
      'passphrase-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = positionals[0] ?? 'start';
  if (positionals.length > 1 || !['init', 'migrate', 'passphrase', 'start'].includes(command)) {
    throw new AppError('VALIDATION', `Onbekende opdracht '${positionals.join(' ')}'.\n${USAGE}`);
  }
  const url = requirePostgresUrl(values.database ?? process.env.UITSTROOMTAFEL_DATABASE_URL);

  if (command === 'init') {
    if (!values.name) throw new AppError('VALIDATION', 'server init: --name ontbreekt (de gebruikersnaam van de eerste voorzitter).');
    if (!values['display-name']) throw new AppError('VALIDATION', 'server init: --display-name ontbreekt (de volledige naam van de eerste voorzitter).');
    const passphrase = readPassphrase(values['passphrase-file'], 'server init');
    const done = await initServer(url, { name: values.name, displayName: values['display-name'], passphrase });
    console.log(`Server ingericht: ${safeUrl(url)} (schemaversie ${done.schemaVersion}). Eerste voorzitter: ${values.name}.\nStart de server met: npm run server -- --database …`);
    return 0;
  }
  if (command === 'passphrase') {
    if (!values.name) throw new AppError('VALIDATION', 'server passphrase: --name ontbreekt (de gebruikersnaam).');
    await resetPassphrase(url, { name: values.name, passphrase: readPassphrase(values['passphrase-file'], 'server passphrase') });
    console.log(`Nieuwe wachtwoordzin ingesteld voor ${values.name} in ${safeUrl(url)}; diens sessies zijn beëindigd. Vastgelegd in het logboek (door: beheerder).`);
    return 0;
  }
  if (command === 'migrate') {
    const done = await migrateServer(url);
    console.log(
      done.applied.length === 0
        ? `Database ${safeUrl(url)} is al bij (schemaversie ${done.to}); er is niets gewijzigd.`
        : `Database ${safeUrl(url)} bijgewerkt van schemaversie ${done.from} naar ${done.to} (${done.applied.join(', ')}).`,
    );
    return 0;
  }

  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new AppError('VALIDATION', 'Geef --tls-cert en --tls-key samen (het certificaat en de sleutel, PEM), of geen van beide.');
  }
  const tls = certFile && keyFile ? { cert: readPem(certFile, '--tls-cert'), key: readPem(keyFile, '--tls-key') } : undefined;
  const listen = parseListen(values.listen, tls !== undefined);
  const notes: string[] = [];
  if (!tls && listen.host !== '127.0.0.1' && listen.host !== 'localhost') {
    notes.push(`Zonder TLS-bestanden luistert de server alleen op 127.0.0.1 (niet op ${listen.host}): zet er een reverse proxy met HTTPS voor, of geef --tls-cert en --tls-key.`);
    listen.host = '127.0.0.1';
  } else if (!tls) {
    notes.push('Zonder TLS-bestanden luistert de server alleen op 127.0.0.1, voor gebruik achter een reverse proxy met HTTPS.');
  }
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) {
    throw new AppError('VALIDATION', `--public-url: '${publicUrl}' is geen adres als https://uitstroom.regio.nl (alleen schema en host).`);
  }
  const staticDir = join(sourceRoot(), 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new AppError('NOT_FOUND', `De gebouwde interface ontbreekt in ${staticDir}; voer eerst 'npm run build' uit.`);

  const backend = await openServerBackend(url);
  // Reports, exports and imports run in job workers with their own connections (server-jobs.ts).
  const jobs = new ServerJobs(url);
  const gate = new ServerGate(backend, { jobs });
  const server = await startHttpServer({
    gate,
    staticDir,
    host: listen.host,
    port: listen.port,
    requireToken: false,
    largeBodiesUnparsed: true,
    // The access log: one line per call on standard output (who, which method, status, time; never the data).
    accessLog: (entry) => process.stdout.write(`${accessLine(entry)}\n`),
    ...(tls ? { tls } : {}),
    ...(publicUrl ? { publicOrigin: publicUrl } : {}),
  });
  const retention = startDailyRetention(backend);
  // Everyone's requests first: every other thread of this process works in the background.
  const helpers = keepHelperThreadsLow();
  // The first report of the day need not wait for a job worker to load.
  jobs.warmUp();
  console.log([`Uitstroomtafel draait als regionale server.`, `Database: ${safeUrl(url)}`, ...notes, `Adres: ${server.url}`, '(Stop met Ctrl+C.)'].join('\n'));
  const stop = async () => {
    retention.stop();
    helpers.stop();
    await server.close();
    await jobs.close();
    await retention.idle();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1;
}

function readPassphrase(file: string | undefined, command: string): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new AppError('VALIDATION', `--passphrase-file ${file}: kan het bestand niet lezen (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new AppError('VALIDATION', `--passphrase-file ${file}: de eerste regel is leeg.`);
    return line;
  }
  const fromEnv = process.env.UITSTROOMTAFEL_PASSPHRASE;
  if (fromEnv) return fromEnv;
  throw new AppError('VALIDATION', `${command}: geen wachtwoordzin. Geef --passphrase-file BESTAND (eerste regel) of zet UITSTROOMTAFEL_PASSPHRASE; een standaardwachtwoord bestaat niet.`);
}

function readPem(file: string, option: string): Buffer {
  try {
    const pem = readFileSync(file);
    if (!pem.toString('latin1').includes('-----BEGIN ')) throw new AppError('VALIDATION', `${option} ${file}: geen PEM-bestand (verwacht '-----BEGIN …').`);
    return pem;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', `${option} ${file}: kan het bestand niet lezen (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}

function parseListen(value: string | undefined, tls: boolean): { host: string; port: number } {
  if (value === undefined) return tls ? { host: '0.0.0.0', port: 8443 } : { host: '127.0.0.1', port: 8080 };
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) throw new AppError('VALIDATION', `--listen: '${value}' is geen ADRES:POORT (bijvoorbeeld 0.0.0.0:8443).`);
  return { host: (m[1] ?? m[2])!, port };
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    console.error(`Fout: ${(e as Error).message}`);
    process.exit(e instanceof AppError && e.code === 'VALIDATION' ? 2 : 1);
  },
);
