// The command-line tool: init, import, export, report, backup and restore of a region database, through the same gate (login
// with --user and a passphrase) and dispatcher as the desktop and browser hosts. Returns an exit code;
// writes nothing when a step fails. Node only.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditCheck, MethodName } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { AppError } from '../../../shared/api/result';
import type { Backend } from '../backend';
import { type Gate, createHostGate } from '../auth/gate';
import type { VaultOptions } from '../auth/vault';
import { SCHEMA_VERSION } from '../db/migrations';
import type { AuditInput } from '../api/context';
import { isPostgresUrl } from '../db/dialect';
import { insertAudit } from '../repos/audit.repo';
import { openServerBackend } from '../server/server';
import { ServerGate } from '../server/server-gate';
import { backupFolder, backupTo, restoreDatabase } from '../backup/backup';
import { grantOf } from '../../../shared/auth/access-matrix';
import type { SessionUser } from '../../../shared/auth/roles';
import type { AuthStatus } from '../../../shared/api/auth.contract';
import { readRegion } from '../repos/region.repo';
import { requireValidDataset } from '../services/region.service';
import type { Dataset } from '../../../shared/dataset/dataset.schema';
import { datasetWarnings } from '../../../shared/dataset/validate';
import type { ImportKind, ImportPreview, ImportResult } from '../../../shared/api/import.contract';
import { IMPORT_KIND_LABELS } from '../../../shared/import/columns';
import { problemPath } from '../import/register-import';
import { fileSizeProblem } from '../import/table-io';
import { demoDatasetPath, sourceRoot } from '../paths';
import { type OutputRules, checkOutput, ensurePrivateDir, sameFile, writeFileSafely } from '../fs/safe-write';
import { buildModel } from '../../../shared/engine/model';
import { proposeFromModel } from '../../../shared/engine/propose';
import { engineSolvers } from '../engine/highs';
import { toCplexLp } from '../../../shared/engine/lp-format';
import { ProposeOptions, emptyControls } from '../../../shared/engine/round.schema';
import { IsoDate, isRealDate } from '../../../shared/domain/primitives';
import { CLIENT_GROUP_LABELS, ClientGroup } from '../../../shared/domain/codes';
import type { ReportRequest } from '../../../shared/api/reports.contract';
import { type ReportFile, type ReportFormat, formatOfFileName } from '../../../shared/reports/report-doc';
import { plural } from '../../../shared/reports/format-nl';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Where UITSTROOMTAFEL_PASSPHRASE is read (process.env by default). */
  env?: Record<string, string | undefined>;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** The environment variable a script or CI gives the passphrase in (instead of the prompt). */
export const PASSPHRASE_ENV = 'UITSTROOMTAFEL_PASSPHRASE';

export const USAGE = `Uitstroomtafel – opdrachtregel

Gebruik: npm run cli -- <opdracht> [opties]

Opdrachten:
  init   --db BESTAND --user NAAM [--display-name NAAM] [--demo]
                                               maak een nieuwe, versleutelde database met NAAM als eerste gebruiker
                                               (voorzitter); met --demo: vul de fictieve demoregio. Is BESTAND een
                                               onversleutelde database van een oudere versie, dan wordt die versleuteld.
  import --db BESTAND --user NAAM --dataset DATASET.json [--replace]
                                               laad een regio uit een dataset (formaat v2 of v1); vervangt een bestaande
                                               regio alleen met --replace. Alles of niets.
  import --db BESTAND --user NAAM --clients KANDIDATEN.xlsx|.csv
  import --db BESTAND --user NAAM --units WONINGEN.xlsx|.csv
                                               voeg kandidaten of woningen toe of werk ze bij uit een sjabloonbestand
                                               (zie docs/import-format.md); een kolom die ontbreekt blijft bij een
                                               bestaande code ongewijzigd, een nieuwe code heeft alle verplichte
                                               kolommen nodig. Elke fout met rij, kolom en reden, en dan wordt niets
                                               opgeslagen. Eén bestand per aanroep.
  export --db BESTAND --user NAAM --out DATASET.json [--force]
                                               schrijf de hele regio met geschiedenis als dataset (formaat v2)
  propose --dataset DATASET.json --out VOORSTEL.json [--strategy optimal|greedy] [--export-lp MODEL.lp]
          [--reference-date JJJJ-MM-DD] [--window-to JJJJ-MM-DD] [--controls CONTROLS.json] [--time-limit MS] [--force]
                                               doe een voorstel voor een hele ronde (zie docs/proposal-format.md)
  report provider    --provider ID [--round N] [--from DATUM --to DATUM]
  report corporation --corporation ID [--from DATUM --to DATUM]
  report agenda      --round N
  report minutes     --round N
  report monitor     [--municipality CODE ...] [--corporation ID ...] [--provider ID ...] [--group GROEP ...]
                     [--from DATUM --to DATUM]
         elk met --db BESTAND --user NAAM --out RAPPORT.pdf|.xlsx|.csv [--format pdf|xlsx|csv] [--force]
                                               schrijf een rapportage: de matchrapportage van een zorgaanbieder, de
                                               rapportage van een corporatie, de agenda of het verslag van een ronde,
                                               of de regionale monitor (kleine aantallen verborgen). Het formaat volgt
                                               uit de bestandsnaam als --format ontbreekt. DATUM als dd-mm-jjjj of
                                               jjjj-mm-dd; zonder periode: de laatste 12 maanden tot vandaag. Wat u
                                               mag, volgt uit uw rol; elke rapportage komt in het logboek.
  audit verify --db BESTAND --user NAAM        controleer of het logboek sinds het schrijven ongewijzigd is
                                               (afsluitcode 1 en de eerste gewijzigde regel als dat niet zo is)
  backup  --db BESTAND --user NAAM --out BACKUP.sqlite [--force]
                                               schrijf een back-up van de hele database naar BACKUP.sqlite, in één
                                               keer en versleuteld met de sleutel van de database (alleen voorzitter)
  restore --db BESTAND --user NAAM --from BACKUP.sqlite
                                               zet een back-up terug na controle (sleutel, integriteit, schemaversie);
                                               de huidige database blijft bewaard in de map backups ernaast. Alleen de
                                               voorzitter; de app en andere opdrachten moeten de database dan gesloten hebben.
  help                                         deze uitleg

Aanmelden: elke opdracht die een database opent, meldt zich aan als --user NAAM met de wachtwoordzin uit
de omgevingsvariabele UITSTROOMTAFEL_PASSPHRASE, of anders gevraagd in de terminal (niet zichtbaar; bij
init twee keer). Wat u mag, hangt af van uw rol (zie docs/access-matrix.md): alleen de voorzitter
importeert en exporteert de hele regio.

Uitvoerbestanden (--out, --export-lp) worden alleen voor de eigenaar leesbaar geschreven (0600), in één keer.
Een bestaand bestand wordt alleen met --force overschreven; de database zelf (en de -wal, -shm en -journal
ervan), een andere SQLite-database of een invoerbestand nooit.

Afsluitcode: 0 gelukt, 1 fout in de invoer of de database, 2 verkeerd gebruik.
Datasetformaat: zie docs/dataset-format.md en resources/dataset.schema.json.`;

class UsageError extends Error {}

export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      case 'init':
        return await init(rest, io);
      case 'import':
        return await importCmd(rest, io);
      case 'export':
        return await exportCmd(rest, io);
      case 'audit':
        return await auditCmd(rest, io);
      case 'report':
        return await reportCmd(rest, io);
      case 'propose':
        return await proposeCmd(rest, io);
      case 'backup':
        return await backupCmd(rest, io);
      case 'restore':
        return await restoreCmd(rest, io);
      default:
        throw new UsageError(`Onbekende opdracht '${command}'.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`Fout: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`Fout: ${(e as Error).message}`);
    return 1;
  }
}

function options<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: { ...spec, help: { type: 'boolean' as const, short: 'h' } }, strict: true }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function need(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} ontbreekt.`);
  return value;
}

/** A logged-in CLI session: calls go through the gate as the user given with --user. */
interface Session {
  /** The open database (read-only checks before a call). */
  backend: Backend;
  /** A call whose failure is thrown as an error. */
  call(method: MethodName, input: unknown): Promise<unknown>;
  /** A call whose envelope is returned as it is. */
  raw(method: MethodName, input: unknown): Promise<Result<unknown>>;
  /** The gate and its vault (backup and restore work on the database file itself); null on the regional server's database. */
  gate: Gate | null;
  /** Writes an audit entry in the open database. */
  audit(actor: string, entry: AuditInput): Promise<void>;
}

/** --db: a file (resolved) or the regional server's PostgreSQL address (as given). */
function databaseArg(value: string | undefined): string {
  const given = need(value, '--db');
  return isPostgresUrl(given) ? given : resolve(given);
}

/** Commands on the database file itself (init, backup, restore): not for the regional server's database. */
function refusePostgres(file: string, command: string): void {
  if (isPostgresUrl(file)) {
    throw new AppError('VALIDATION', `${command} werkt op een SQLite-bestand; de regionale server richt u in met 'npm run server -- init' en de beheerder maakt zijn back-ups met pg_dump.`);
  }
}

function gateFor(file: string, extra: Partial<VaultOptions> = {}): Gate {
  return createHostGate({ file, host: 'cli', demoFile: demoDatasetPath(sourceRoot()), ...extra });
}

/** Opens the database by logging in as --user (so the access matrix applies), runs `fn`, closes. */
async function withLogin<T>(file: string, user: string, io: CliIo, fn: (s: Session) => Promise<T>, extra: Partial<VaultOptions> = {}): Promise<T> {
  if (isPostgresUrl(file)) return withServerLogin(file, user, io, fn, extra);
  if (!existsSync(file)) {
    throw new AppError('NOT_FOUND', `Database ${file} bestaat niet. Maak hem eerst aan met: npm run cli -- init --db ${file} --user NAAM`);
  }
  const gate = gateFor(file, extra);
  try {
    if (gate.vault.state() === 'convert') {
      throw new AppError(
        'UNAUTHORIZED',
        `Database ${file} is nog niet versleuteld (gemaakt met een oudere versie). Versleutel hem en maak de eerste gebruiker met: npm run cli -- init --db ${file} --user NAAM`,
      );
    }
    const passphrase = await readPassphrase(io, `Wachtwoordzin van ${user}: `);
    const login = await gate.call(null, 'auth.login', { name: user, passphrase });
    if (!login.result.ok) throw new AppError(login.result.error.code, login.result.error.message, login.result.error.problems);
    const session = login.session && 'set' in login.session ? login.session.set : null;
    const raw = (method: MethodName, input: unknown) => gate.call(session, method, input).then((r) => r.result);
    return await fn({
      backend: gate.vault.open!,
      raw,
      gate,
      audit: (actor, entry) => gate.vault.audit(actor, entry),
      async call(method, input) {
        const r = await raw(method, input);
        if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.problems);
        return r.value;
      },
    });
  } finally {
    gate.endAll();
    await gate.vault.close();
  }
}

/** The regional server's database (--db postgres://…): logs in through the server's gate, with its passphrase and lockout. */
async function withServerLogin<T>(url: string, user: string, io: CliIo, fn: (s: Session) => Promise<T>, extra: Partial<VaultOptions>): Promise<T> {
  const backend = await openServerBackend(url, extra.onAuditBroken ? { onAuditBroken: extra.onAuditBroken } : {});
  const gate = new ServerGate(backend);
  const meta = { address: 'opdrachtregel', csrf: null as string | null };
  let session: string | null = null;
  try {
    const passphrase = await readPassphrase(io, `Wachtwoordzin van ${user}: `);
    const login = await gate.call(null, 'auth.login', { name: user, passphrase }, meta);
    if (!login.result.ok) throw new AppError(login.result.error.code, login.result.error.message, login.result.error.problems);
    if (login.session && 'set' in login.session) {
      session = login.session.set;
      meta.csrf = login.session.csrf ?? null;
    }
    const raw = (method: MethodName, input: unknown) => gate.call(session, method, input, meta).then((r) => r.result);
    return await fn({
      backend,
      raw,
      gate: null,
      audit: (actor, entry) => insertAudit(backend.database.db, backend.env.now(), actor, entry),
      async call(method, input) {
        const r = await raw(method, input);
        if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.problems);
        return r.value;
      },
    });
  } finally {
    if (session) await gate.call(session, 'auth.logout', {}, meta);
    await backend.close();
  }
}

/**
 * The passphrase: from UITSTROOMTAFEL_PASSPHRASE, or typed in the terminal without echo (twice when
 * `confirm`). No terminal and no variable: a clear error, never a hang.
 */
async function readPassphrase(io: CliIo, question: string, confirm = false): Promise<string> {
  const fromEnv = (io.env ?? process.env)[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new AppError('UNAUTHORIZED', `Geen wachtwoordzin: zet de omgevingsvariabele ${PASSPHRASE_ENV}, of start de opdracht in een terminal om hem in te typen.`);
  }
  const first = await readHidden(question);
  if (!confirm) return first;
  const second = await readHidden('Nog een keer ter controle: ');
  if (first !== second) throw new AppError('VALIDATION', 'De twee wachtwoordzinnen zijn niet gelijk; er is niets aangemaakt.');
  return first;
}

/** Reads one line from the terminal without showing what is typed. Ctrl+C stops. */
function readHidden(question: string): Promise<string> {
  return new Promise((done, fail) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let text = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) fail(error);
      else done(text);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new AppError('CANCELLED', 'Afgebroken.'));
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function init(args: string[], io: CliIo): Promise<number> {
  const o = options(args, { db: { type: 'string' }, user: { type: 'string' }, 'display-name': { type: 'string' }, demo: { type: 'boolean' } });
  if (o.help) return io.out(USAGE), 0;
  const file = databaseArg(o.db);
  const user = need(o.user, '--user');
  refusePostgres(file, 'init');
  const gate = gateFor(file);
  const state = gate.vault.state();
  if (state !== 'setup' && state !== 'convert') throw new Error(`${file} bestaat al; init maakt alleen nieuwe databases (of versleutelt een onversleutelde van een oudere versie).`);
  // New folders for the database are the owner's only; the database itself is made 0600 when opened.
  ensurePrivateDir(dirname(file));
  const passphrase = await readPassphrase(io, `Nieuwe wachtwoordzin voor ${user}: `, true);
  try {
    // The gate checks the name and passphrase rules; a failure removes what it made (nothing half written).
    const r = await gate.call(null, 'auth.setup', { name: user, displayName: o['display-name'] ?? user, passphrase, demo: o.demo === true });
    if (!r.result.ok) throw new AppError(r.result.error.code, r.result.error.message, r.result.error.problems);
  } finally {
    gate.endAll();
    await gate.vault.close();
  }
  const what = state === 'convert' ? `Database ${file} versleuteld` : `Database ${file} aangemaakt en versleuteld (schemaversie ${SCHEMA_VERSION})`;
  io.out(`${what}${o.demo ? ' met de fictieve demoregio' : ''}; eerste gebruiker: ${user} (voorzitter). Het sleutelbestand ${file}.keys hoort bij de database: zonder kan niemand hem openen.`);
  return 0;
}

/** Reads and parses a JSON file; a syntax error names the line and column. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path} bestaat niet.` : `${path} kan niet worden gelezen (${code ?? (e as Error).message}).`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    if (pos?.[1]) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const col = Number(pos[1]) - before.lastIndexOf('\n');
      throw new Error(`${path}: regel ${line}, kolom ${col}: geen geldige JSON (${msg}).`);
    }
    throw new Error(`${path}: geen geldige JSON (${msg}).`);
  }
}

async function importCmd(args: string[], io: CliIo): Promise<number> {
  const o = options(args, {
    db: { type: 'string' },
    dataset: { type: 'string' },
    replace: { type: 'boolean' },
    clients: { type: 'string' },
    units: { type: 'string' },
    user: { type: 'string' },
  });
  if (o.help) return io.out(USAGE), 0;
  const file = databaseArg(o.db);
  const user = need(o.user, '--user');
  const given = (['dataset', 'clients', 'units'] as const).filter((k) => o[k] !== undefined);
  if (given.length > 1) throw new UsageError(`Geef één van --dataset, --clients of --units per aanroep (nu: ${given.map((g) => `--${g}`).join(', ')}).`);
  if (o.clients !== undefined || o.units !== undefined) {
    if (o.replace) throw new UsageError('--replace hoort alleen bij --dataset.');
    return importTableCmd(file, user, o.clients !== undefined ? 'clients' : 'units', need(o.clients ?? o.units, o.clients !== undefined ? '--clients' : '--units'), io);
  }
  const datasetPath = need(o.dataset, '--dataset');
  // Check the document before the database is even opened.
  const dataset = readDatasetFile(datasetPath, io);
  const summary = await withLogin(file, user, io, async (s) => {
    const existing = await readRegion(s.backend.database.db);
    if (existing && !o.replace) {
      throw new Error(`${file} bevat al de regio '${existing.name}'. Gebruik --replace om die te vervangen; er is niets gewijzigd.`);
    }
    return s.call('dataset.import', { dataset, source: basename(datasetPath) });
  });
  io.out(`Geïmporteerd uit ${datasetPath}: ${describe(summary as Record<string, number>)}.`);
  return 0;
}

/** Reads and checks a region file (refused on any problem); its warnings (allowed, probably wrong) go to stderr. */
function readDatasetFile(path: string, io: CliIo): Dataset {
  const dataset = requireValidDataset(readJsonFile(path), basename(path));
  for (const w of datasetWarnings(dataset)) io.err(`${basename(path)}: ${w.path}: waarschuwing: ${w.message}`);
  return dataset;
}

/** Imports a client or unit file: checks it first (every error printed), then writes it in one transaction. */
async function importTableCmd(file: string, user: string, kind: ImportKind, path: string, io: CliIo): Promise<number> {
  // A file over the import limit is refused by its size, before it is read into memory.
  const tooLarge = fileSizeProblem(basename(path), statSync(path, { throwIfNoEntry: false })?.size ?? 0);
  if (tooLarge) throw tooLarge;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path} bestaat niet.` : `${path} kan niet worden gelezen (${code ?? (e as Error).message}).`);
  }
  const name = basename(path);
  const input = { kind, fileName: name, contentBase64: bytes.toString('base64') };
  return withLogin(file, user, io, async (s) => {
    const preview = (await s.call('import.preview', input)) as ImportPreview;
    const printProblems = (problems: { path: string; message: string }[]) => {
      for (const p of problems) io.err(`${name}${p.path === 'bestand' ? '' : ` ${p.path}`}: ${p.message}`);
      const n = problems.length;
      io.err(`${n} ${n === 1 ? 'fout' : 'fouten'} in ${name}; er is niets opgeslagen.`);
      return 1;
    };
    if (preview.problems.length) return printProblems(preview.problems.map((p) => ({ path: problemPath(p), message: p.message })));
    // Warnings do not stop the import: allowed, but probably not meant.
    for (const w of preview.warnings) io.err(`${name} ${problemPath(w)}: waarschuwing: ${w.message}`);
    const r = await s.raw('import.commit', input);
    if (!r.ok) {
      if (r.error.problems?.length) return printProblems(r.error.problems);
      throw new AppError(r.error.code, r.error.message);
    }
    const c = (r.value as ImportResult).counts;
    io.out(
      `Geïmporteerd uit ${path} (${IMPORT_KIND_LABELS[kind]}): ${c.new} nieuw, ${c.changed} gewijzigd, ${c.unchanged} ongewijzigd.` +
        (c.new + c.changed === 0 ? ' Er is niets veranderd.' : ''),
    );
    return 0;
  });
}

async function exportCmd(args: string[], io: CliIo): Promise<number> {
  const o = options(args, { db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
  if (o.help) return io.out(USAGE), 0;
  const file = databaseArg(o.db);
  const user = need(o.user, '--user');
  const out = resolve(need(o.out, '--out'));
  const rules: OutputRules = { force: o.force === true, databases: [file] };
  // Refused before the database is opened: a refused export does nothing at all.
  checkOutput(out, rules);
  const dataset = await withLogin(file, user, io, (s) => s.call('dataset.export', {}));
  writeFileSafely(out, `${JSON.stringify(dataset, null, 2)}\n`, rules);
  io.out(`Regio geëxporteerd naar ${out}.`);
  return 0;
}

/** A date option as 'yyyy-mm-dd' (dd-mm-jjjj or jjjj-mm-dd accepted); a bad one is named with its option. */
function dateOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value);
  const iso = dutch ? `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new UsageError(`${flag} ${value}: verwacht een datum als dd-mm-jjjj of jjjj-mm-dd.`);
  if (!isRealDate(iso)) throw new UsageError(`${flag} ${value}: deze datum bestaat niet.`);
  const checked = IsoDate.safeParse(iso);
  if (!checked.success) throw new UsageError(`${flag} ${value}: ${checked.error.issues[0]?.message ?? 'geen geldige datum'}.`);
  return iso;
}

/** A round number option (1, 2, 3 …). */
function roundOption(value: string | undefined): number {
  const v = need(value, '--round');
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new UsageError(`--round ${v}: verwacht een rondenummer (1, 2, 3 …).`);
  return Number(v);
}

/** The format of --out: from --format or from the file name; a clash or an unknown extension is refused. */
export function reportFormat(out: string, format: string | undefined): ReportFormat {
  const named = formatOfFileName(out);
  const ext = /\.([^./\\]+)$/.exec(basename(out))?.[1];
  if (format !== undefined && format !== 'pdf' && format !== 'xlsx' && format !== 'csv') {
    throw new UsageError(`--format ${format}: kies pdf, xlsx of csv.`);
  }
  if (ext !== undefined && named === null) {
    throw new UsageError(`--out ${basename(out)}: onbekende extensie .${ext}; kies een bestandsnaam op .pdf, .xlsx of .csv.`);
  }
  if (format !== undefined && named !== null && named !== format) {
    throw new UsageError(`--format ${format} past niet bij --out ${basename(out)} (.${ext}); kies één formaat.`);
  }
  const chosen = (format as ReportFormat | undefined) ?? named;
  if (!chosen) throw new UsageError(`--out ${basename(out)} heeft geen extensie: geef --format pdf, xlsx of csv, of een bestandsnaam op .pdf, .xlsx of .csv.`);
  return chosen;
}

const REPORTS = ['provider', 'corporation', 'agenda', 'minutes', 'monitor'] as const;

/**
 * `report KIND`: builds a report through the dispatcher's reports.export as the logged-in user (so the
 * role's scope and the audit apply) and writes it to --out through a temporary file and a rename.
 */
async function reportCmd(args: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === undefined || kind.startsWith('-')) throw new UsageError(`report: geef het soort rapportage (${REPORTS.join(', ')}).`);
  if (!(REPORTS as readonly string[]).includes(kind)) throw new UsageError(`Onbekende rapportage 'report ${kind}'; kies ${REPORTS.join(', ')}.`);
  const common = { db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, force: { type: 'boolean' } } as const;
  const period = { from: { type: 'string' }, to: { type: 'string' } } as const;
  const list = { type: 'string', multiple: true } as const;
  const o = options(
    rest,
    kind === 'provider'
      ? { ...common, ...period, provider: { type: 'string' }, round: { type: 'string' } }
      : kind === 'corporation'
        ? { ...common, ...period, corporation: { type: 'string' } }
        : kind === 'monitor'
          ? { ...common, ...period, municipality: list, corporation: list, provider: list, group: list }
          : { ...common, round: { type: 'string' } },
  ) as Record<string, string | boolean | string[] | undefined>;
  if (o.help) return io.out(USAGE), 0;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const many = (k: string) => (Array.isArray(o[k]) ? (o[k] as string[]) : []);
  const file = databaseArg(str('db'));
  const user = need(str('user'), '--user');
  const out = resolve(need(str('out'), '--out'));
  const format = reportFormat(out, str('format'));
  const from = dateOption(str('from'), '--from');
  const to = dateOption(str('to'), '--to');
  if (from && to && from > to) throw new UsageError(`--from ${str('from')} ligt na --to ${str('to')}.`);
  const span = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  let request: ReportRequest;
  switch (kind) {
    case 'provider':
      request = { report: 'provider', careProviderId: need(str('provider'), '--provider'), ...(str('round') !== undefined ? { roundId: roundOption(str('round')) } : {}), ...span };
      break;
    case 'corporation':
      request = { report: 'corporation', corporationId: need(str('corporation'), '--corporation'), ...span };
      break;
    case 'agenda':
    case 'minutes':
      request = { report: kind, roundId: roundOption(str('round')) };
      break;
    default: {
      const groups = many('group');
      for (const g of groups) {
        if (!ClientGroup.safeParse(g).success) throw new UsageError(`--group ${g}: onbekende doelgroep; kies ${ClientGroup.options.map((c) => `${c} (${CLIENT_GROUP_LABELS[c]})`).join(', ')}.`);
      }
      request = {
        report: 'monitor',
        filters: {
          ...span,
          ...(many('municipality').length ? { municipalityCodes: many('municipality') } : {}),
          ...(many('corporation').length ? { corporationIds: many('corporation') } : {}),
          ...(many('provider').length ? { careProviderIds: many('provider') } : {}),
          ...(groups.length ? { groups: groups as ClientGroup[] } : {}),
        },
      };
    }
  }
  const rules: OutputRules = { force: o.force === true, databases: [file] };
  // Refused before the database is opened: a refused report writes nothing and costs nothing.
  checkOutput(out, rules);
  const written = (await withLogin(file, user, io, (s) => s.call('reports.export', { request, format }))) as ReportFile;
  writeFileSafely(out, Buffer.from(written.contentBase64, 'base64'), rules);
  io.out(`Rapportage geschreven naar ${out} (${format.toUpperCase()}, ${plural(written.clients, 'cliënt', 'cliënten')}).`);
  return 0;
}

/** `audit verify`: walks the audit log's hash chain; exit 1 with the first row that no longer holds. */
async function auditCmd(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(sub === undefined ? 'audit: geef een deelopdracht (verify).' : `Onbekende deelopdracht 'audit ${sub}'.`);
  const o = options(rest, { db: { type: 'string' }, user: { type: 'string' } });
  if (o.help) return io.out(USAGE), 0;
  const file = databaseArg(o.db);
  const user = need(o.user, '--user');
  // The check on open stays quiet: the same message would be printed a second time.
  const check = (await withLogin(file, user, io, (s) => s.call('audit.verify', {}), { onAuditBroken: () => undefined })) as AuditCheck;
  if (check.intact) {
    io.out(check.message);
    return 0;
  }
  io.err(check.message);
  return 1;
}

async function proposeCmd(args: string[], io: CliIo): Promise<number> {
  const o = options(args, {
    dataset: { type: 'string' },
    out: { type: 'string' },
    strategy: { type: 'string' },
    'export-lp': { type: 'string' },
    'reference-date': { type: 'string' },
    'window-to': { type: 'string' },
    controls: { type: 'string' },
    'time-limit': { type: 'string' },
    force: { type: 'boolean' },
  });
  if (o.help) return io.out(USAGE), 0;
  const datasetPath = need(o.dataset, '--dataset');
  const out = resolve(need(o.out, '--out'));
  const lpOut = o['export-lp'] ? resolve(o['export-lp']) : undefined;
  const rules: OutputRules = { force: o.force === true, inputs: [datasetPath, ...(o.controls ? [o.controls] : [])] };
  if (lpOut !== undefined && sameFile(out, lpOut)) throw new Error(`--out en --export-lp wijzen naar hetzelfde bestand (${out}); kies twee verschillende bestanden.`);
  // Both outputs are checked before the (possibly long) computation, so a refusal costs nothing.
  for (const target of [out, ...(lpOut ? [lpOut] : [])]) checkOutput(target, rules);
  const dataset = readDatasetFile(datasetPath, io);
  const referenceDate = o['reference-date'] ?? dataset.region.referenceDate;
  const parsed = ProposeOptions.safeParse({
    strategy: o.strategy ?? 'optimal',
    referenceDate,
    window: { from: referenceDate, to: o['window-to'] ?? addDays(referenceDate, DEFAULT_WINDOW_DAYS) },
    controls: o.controls ? readJsonFile(o.controls) : emptyControls(),
    timeLimitMs: o['time-limit'] === undefined ? 10_000 : Number(o['time-limit']),
  });
  if (!parsed.success) {
    const flag: Record<string, string> = { strategy: '--strategy', referenceDate: '--reference-date', window: '--window-to', timeLimitMs: '--time-limit' };
    throw new UsageError(
      parsed.error.issues
        .map((i) => {
          const head = String(i.path[0] ?? '');
          const where = head === 'controls' ? `${o.controls}: ${i.path.slice(1).join('.')}` : (flag[head] ?? head);
          return `${where}: ${i.message}`;
        })
        .join('; '),
    );
  }
  // HiGHS is loaded before the clock starts: the time limit covers the whole proposal, model building included.
  const solvers = parsed.data.strategy === 'optimal' ? await engineSolvers() : {};
  const startedAt = performance.now();
  const model = buildModel(dataset, parsed.data, undefined, { deadline: startedAt + 3 * parsed.data.timeLimitMs });
  // The register goes along: planning for later (the policy's `planning`) samples its futures from it.
  const proposal = proposeFromModel(model, startedAt, solvers, dataset);
  if (lpOut) writeFileSafely(lpOut, toCplexLp(model), rules);
  writeFileSafely(out, `${JSON.stringify(proposal, null, 2)}\n`, rules);
  const f = proposal.figures;
  io.out(
    [
      `Voorstel (${proposal.strategy}) geschreven naar ${out}.`,
      `Totaalscore ${proposal.totalScore} — ${proposal.optimality.status === 'proven' ? 'bewezen optimaal' : proposal.optimality.status === 'unproven' ? `niet bewezen optimaal (grens ${proposal.optimality.bound})` : 'heuristiek'}; ${proposal.optimality.method}.`,
      `${f.placed} van ${f.candidates} kandidaten geplaatst op ${f.unitsAvailable} woningen; ${Math.round(f.homeOrNetworkShare * 100)}% in gemeente van herkomst of netwerk.`,
      ...(proposal.planning ? [proposal.planning.sentence, ...proposal.planning.held.map((h) => `  ${h.sentence}`)] : []),
      ...proposal.conflicts.map((c) => `Let op: ${c.message}`),
      ...(lpOut ? [`Model (CPLEX LP) geschreven naar ${lpOut}.`] : []),
    ].join('\n'),
  );
  return 0;
}

const DEFAULT_WINDOW_DAYS = 61;
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function describe(s: Record<string, number>): string {
  const labels: Record<string, string> = {
    municipalities: 'gemeenten',
    neighbourhoods: 'buurten',
    corporations: 'corporaties',
    careProviders: 'zorgaanbieders',
    quotas: 'afspraken',
    policies: 'beleidsprofielen',
    units: 'woningen',
    clients: 'kandidaten',
    placements: 'eerdere plaatsingen',
  };
  return Object.entries(s)
    .map(([k, n]) => `${n} ${labels[k] ?? k}`)
    .join(', ');
}

/** The logged-in user, if their role may use `method` (backup and restore are not dispatched); else refused and audited. */
async function requireGrant(s: Session, method: 'backups.create' | 'backups.restore'): Promise<SessionUser> {
  const { user } = (await s.call('auth.status', {})) as AuthStatus;
  if (!user) throw new AppError('UNAUTHORIZED', 'Log eerst in.');
  if (grantOf(method, user.role) === 'no') {
    await s.audit(user.name, { action: 'denied', entity: 'method', entityId: method, detail: { role: user.role } });
    throw new AppError('FORBIDDEN', `Uw rol (${user.role}) mag ${method} niet gebruiken.`);
  }
  return user;
}

/** `backup`: a consistent copy of the whole database (VACUUM INTO, encrypted with its key) to --out, via a temporary file and a rename. */
async function backupCmd(args: string[], io: CliIo): Promise<number> {
  const o = options(args, { db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
  if (o.help) return io.out(USAGE), 0;
  const file = databaseArg(o.db);
  const user = need(o.user, '--user');
  const out = resolve(need(o.out, '--out'));
  refusePostgres(file, 'backup');
  const rules: OutputRules = { force: o.force === true, databases: [file] };
  // Refused before the database is opened: never the database, its side files or keyring, another database.
  checkOutput(out, rules);
  const bytes = await withLogin(file, user, io, async (s) => {
    const me = await requireGrant(s, 'backups.create');
    checkOutput(out, rules);
    const written = await backupTo(s.backend.database.db, out, { force: rules.force === true });
    await s.audit(me.name, { action: 'backup', entity: 'database', entityId: basename(out), detail: { out, bytes: written, reason: 'manual' } });
    return written;
  });
  io.out(`Back-up van ${file} geschreven naar ${out} (${bytes} bytes, versleuteld met de sleutel van de database).`);
  return 0;
}

/** `restore`: checks --from, keeps the current database aside in the backup folder, and replaces it. */
async function restoreCmd(args: string[], io: CliIo): Promise<number> {
  const o = options(args, { db: { type: 'string' }, user: { type: 'string' }, from: { type: 'string' } });
  if (o.help) return io.out(USAGE), 0;
  const file = databaseArg(o.db);
  const user = need(o.user, '--user');
  const from = resolve(need(o.from, '--from'));
  refusePostgres(file, 'restore');
  if (sameFile(from, file)) throw new AppError('VALIDATION', `--from ${from} is de database zelf; kies een back-up.`);
  const outcome = await withLogin(file, user, io, async (s) => {
    const me = await requireGrant(s, 'backups.restore');
    const vault = s.gate!.vault;
    const now = vault.now();
    // The vault closes the database, the backup replaces it (after its check), and it opens again.
    const result = await vault.replaceDatabase((db, key) => restoreDatabase(db, from, key, now));
    await s.audit(me.name, { action: 'restore', entity: 'backup', entityId: basename(from), detail: { from, keptAside: result.keptAside } });
    return result;
  });
  io.out(
    `Back-up ${from} teruggezet in ${file}.${outcome.keptAside ? ` De database van daarvoor staat apart als ${join(backupFolder(file), outcome.keptAside)}.` : ''}`,
  );
  return 0;
}
