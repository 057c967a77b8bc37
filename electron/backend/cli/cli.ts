// The command-line tool: init, import and export of a region database, over the same dispatcher
// as the desktop and browser hosts. Returns an exit code; writes nothing when a step fails.
// Node only.
import { asChair } from '../../../shared/auth/system-user';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditCheck, MethodName } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { AppError } from '../../../shared/api/result';
import { type Backend, createBackend, seedDemoIfEmpty } from '../backend';
import { SCHEMA_VERSION } from '../db/migrations';
import { readRegion } from '../repos/region.repo';
import { requireValidDataset } from '../services/region.service';
import type { ImportKind, ImportPreview, ImportResult } from '../../../shared/api/import.contract';
import { IMPORT_KIND_LABELS } from '../../../shared/import/columns';
import { problemPath } from '../import/register-import';
import { fileSizeProblem } from '../import/table-io';
import { actorName, demoDatasetPath, sourceRoot } from '../paths';
import { type OutputRules, checkOutput, ensurePrivateDir, sameFile, writeFileSafely } from '../fs/safe-write';
import { buildModel } from '../../../shared/engine/model';
import { proposeFromModel } from '../../../shared/engine/propose';
import { toCplexLp } from '../../../shared/engine/lp-format';
import { ProposeOptions, emptyControls } from '../../../shared/engine/round.schema';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export const USAGE = `Uitstroomtafel – opdrachtregel

Gebruik: npm run cli -- <opdracht> [opties]

Opdrachten:
  init   --db BESTAND [--demo]                 maak een nieuwe, lege database (met --demo: vul de fictieve demoregio)
  import --db BESTAND --dataset DATASET.json [--replace]
                                               laad een regio uit een dataset (formaat v1); vervangt een bestaande
                                               regio alleen met --replace. Alles of niets.
  import --db BESTAND --clients KANDIDATEN.xlsx|.csv
  import --db BESTAND --units WONINGEN.xlsx|.csv
                                               voeg kandidaten of woningen toe of werk ze bij uit een sjabloonbestand
                                               (zie docs/import-format.md); elke fout met rij, kolom en reden, en
                                               dan wordt niets opgeslagen. Eén bestand per aanroep.
  export --db BESTAND --out DATASET.json [--force]
                                               schrijf de hele regio als dataset (formaat v1)
  propose --dataset DATASET.json --out VOORSTEL.json [--strategy optimal|greedy] [--export-lp MODEL.lp]
          [--reference-date JJJJ-MM-DD] [--window-to JJJJ-MM-DD] [--controls CONTROLS.json] [--time-limit MS] [--force]
                                               doe een voorstel voor een hele ronde (zie docs/proposal-format.md)
  audit verify --db BESTAND                    controleer of het logboek sinds het schrijven ongewijzigd is
                                               (afsluitcode 1 en de eerste gewijzigde regel als dat niet zo is)
  help                                         deze uitleg

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
      case 'propose':
        return await proposeCmd(rest, io);
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

async function withBackend<T>(file: string, mustExist: boolean, fn: (b: Backend) => Promise<T>): Promise<T> {
  const backend = await createBackend(file, { host: 'cli', mustExist });
  try {
    return await fn(backend);
  } finally {
    await backend.close();
  }
}

async function dispatch(b: Backend, method: MethodName, input: unknown): Promise<unknown> {
  const r: Result<unknown> = await b.dispatch(method, input, asChair(actorName('cli')));
  if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.problems);
  return r.value;
}

async function init(args: string[], io: CliIo): Promise<number> {
  const o = options(args, { db: { type: 'string' }, demo: { type: 'boolean' } });
  if (o.help) return io.out(USAGE), 0;
  const file = resolve(need(o.db, '--db'));
  if (existsSync(file)) throw new Error(`${file} bestaat al; init maakt alleen nieuwe databases.`);
  // New folders for the database are the owner's only; the database itself is made 0600 when opened.
  ensurePrivateDir(dirname(file));
  try {
    await withBackend(file, false, async (b) => {
      if (o.demo) await seedDemoIfEmpty(b, demoDatasetPath(sourceRoot()), actorName('cli'));
    });
  } catch (e) {
    // A database that could not be made completely is removed again: nothing half written.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    throw e;
  }
  io.out(`Database ${file} aangemaakt (schemaversie ${SCHEMA_VERSION})${o.demo ? ' met de fictieve demoregio' : ''}.`);
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
  });
  if (o.help) return io.out(USAGE), 0;
  const file = resolve(need(o.db, '--db'));
  const given = (['dataset', 'clients', 'units'] as const).filter((k) => o[k] !== undefined);
  if (given.length > 1) throw new UsageError(`Geef één van --dataset, --clients of --units per aanroep (nu: ${given.map((g) => `--${g}`).join(', ')}).`);
  if (o.clients !== undefined || o.units !== undefined) {
    if (o.replace) throw new UsageError('--replace hoort alleen bij --dataset.');
    return importTableCmd(file, o.clients !== undefined ? 'clients' : 'units', need(o.clients ?? o.units, o.clients !== undefined ? '--clients' : '--units'), io);
  }
  const datasetPath = need(o.dataset, '--dataset');
  // Check the document before the database is even opened.
  const dataset = requireValidDataset(readJsonFile(datasetPath), basename(datasetPath));
  const summary = await withBackend(file, true, async (b) => {
    const existing = await readRegion(b.database.db);
    if (existing && !o.replace) {
      throw new Error(`${file} bevat al de regio '${existing.name}'. Gebruik --replace om die te vervangen; er is niets gewijzigd.`);
    }
    return dispatch(b, 'dataset.import', { dataset, source: basename(datasetPath) });
  });
  io.out(`Geïmporteerd uit ${datasetPath}: ${describe(summary as Record<string, number>)}.`);
  return 0;
}

/** Imports a client or unit file: checks it first (every error printed), then writes it in one transaction. */
async function importTableCmd(file: string, kind: ImportKind, path: string, io: CliIo): Promise<number> {
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
  return withBackend(file, true, async (b) => {
    const preview = (await dispatch(b, 'import.preview', input)) as ImportPreview;
    const printProblems = (problems: { path: string; message: string }[]) => {
      for (const p of problems) io.err(`${name}${p.path === 'bestand' ? '' : ` ${p.path}`}: ${p.message}`);
      const n = problems.length;
      io.err(`${n} ${n === 1 ? 'fout' : 'fouten'} in ${name}; er is niets opgeslagen.`);
      return 1;
    };
    if (preview.problems.length) return printProblems(preview.problems.map((p) => ({ path: problemPath(p), message: p.message })));
    const r = await b.dispatch('import.commit', input, asChair(actorName('cli')));
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
  const o = options(args, { db: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
  if (o.help) return io.out(USAGE), 0;
  const file = resolve(need(o.db, '--db'));
  const out = resolve(need(o.out, '--out'));
  const rules: OutputRules = { force: o.force === true, databases: [file] };
  // Refused before the database is opened: a refused export does nothing at all.
  checkOutput(out, rules);
  const dataset = await withBackend(file, true, (b) => dispatch(b, 'dataset.export', {}));
  writeFileSafely(out, `${JSON.stringify(dataset, null, 2)}\n`, rules);
  io.out(`Regio geëxporteerd naar ${out}.`);
  return 0;
}

/** `audit verify`: walks the audit log's hash chain; exit 1 with the first row that no longer holds. */
async function auditCmd(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(sub === undefined ? 'audit: geef een deelopdracht (verify).' : `Onbekende deelopdracht 'audit ${sub}'.`);
  const o = options(rest, { db: { type: 'string' } });
  if (o.help) return io.out(USAGE), 0;
  const file = resolve(need(o.db, '--db'));
  // Opened directly, not withBackend: the check on open would print the same message a second time.
  const b = await createBackend(file, { host: 'cli', mustExist: true, onAuditBroken: () => undefined });
  let check: AuditCheck;
  try {
    check = (await dispatch(b, 'audit.verify', {})) as AuditCheck;
  } finally {
    await b.close();
  }
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
  const dataset = requireValidDataset(readJsonFile(datasetPath), basename(datasetPath));
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
  // The time limit covers the whole proposal, model building included.
  const startedAt = performance.now();
  const model = buildModel(dataset, parsed.data);
  const proposal = proposeFromModel(model, startedAt);
  if (lpOut) writeFileSafely(lpOut, toCplexLp(model), rules);
  writeFileSafely(out, `${JSON.stringify(proposal, null, 2)}\n`, rules);
  const f = proposal.figures;
  io.out(
    [
      `Voorstel (${proposal.strategy}) geschreven naar ${out}.`,
      `Totaalscore ${proposal.totalScore} — ${proposal.optimality.status === 'proven' ? 'bewezen optimaal' : proposal.optimality.status === 'unproven' ? `niet bewezen optimaal (grens ${proposal.optimality.bound})` : 'heuristiek'}; ${proposal.optimality.method}.`,
      `${f.placed} van ${f.candidates} kandidaten geplaatst op ${f.unitsAvailable} woningen; ${Math.round(f.homeOrNetworkShare * 100)}% in gemeente van herkomst of netwerk.`,
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
