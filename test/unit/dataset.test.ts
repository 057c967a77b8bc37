// Dataset format (v2, v1 still read): the committed demo and JSON Schema are valid and up to date, and
// checkDataset names every problem by its exact path, in the register and in v2's history. Runs under vitest in Node.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDataset, formatProblems, type DatasetProblem } from '../../shared/dataset/validate';
import { emptyHistory } from '../../shared/dataset/history.schema';
import { DEMO_FILE, generateDemo, renderDataset } from '../../scripts/demo/generate';
import { mulberry32 } from '../../shared/domain/random';
import { JSON_SCHEMA_FILE, buildJsonSchema, renderJsonSchema } from '../../scripts/schema/json-schema';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

/** A fresh, mutable copy of the committed demo. */
function demo(): Record<string, unknown> & { units: Record<string, unknown>[]; clients: Record<string, unknown>[] } {
  return JSON.parse(read(DEMO_FILE)) as ReturnType<typeof demo>;
}

function problemsOf(input: unknown): DatasetProblem[] {
  const check = checkDataset(input);
  if (check.ok) throw new Error('expected the dataset to be rejected');
  return check.problems;
}

describe('committed files', () => {
  it('the demo passes checkDataset', () => {
    const check = checkDataset(JSON.parse(read(DEMO_FILE)));
    expect(check.ok ? [] : formatProblems(check.problems)).toEqual([]);
  });

  it('regenerating the demo gives exactly the committed file', () => {
    expect(renderDataset(generateDemo())).toBe(read(DEMO_FILE));
  });

  it('the committed JSON Schema is up to date', () => {
    expect(renderJsonSchema()).toBe(read(JSON_SCHEMA_FILE));
  });

  it('the schema script agrees in --check mode', () => {
    const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
    const out = execFileSync(process.execPath, [tsx, 'scripts/generate-json-schema.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('is up to date');
  });

  it('the JSON Schema has a title, no $id, and requires every top-level section', () => {
    const schema = buildJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('Uitstroomtafel dataset v2');
    expect(schema).not.toHaveProperty('$id');
    expect(schema.required).toEqual([
      'format',
      'version',
      'region',
      'municipalities',
      'neighbourhoods',
      'corporations',
      'careProviders',
      'quotas',
      'policies',
      'units',
      'clients',
      'placements',
    ]);
    // The history is optional in the shape (absent in v1); the application requires it in v2.
    const properties = schema.properties as Record<string, { properties?: Record<string, unknown>; enum?: unknown[] }>;
    expect(Object.keys(properties.history?.properties ?? {})).toEqual(['rounds', 'followUp', 'retention', 'monitorArchive', 'audit']);
    expect(properties.version?.enum).toEqual([1, 2]);
  });

  it('the generator is deterministic (mulberry32 with a fixed seed)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(generateDemo()));
  });
});

describe('checkDataset error paths', () => {
  it('an unknown municipality code', () => {
    const d = demo();
    const client = d.clients[3];
    if (!client) throw new Error('no client 3');
    client.originMunicipalityCode = 'GM0999';
    expect(problemsOf(d)).toEqual([
      { path: 'clients[3] (K-0004).originMunicipalityCode', message: "onbekende gemeentecode 'GM0999'" },
    ]);
  });

  it('an impossible date', () => {
    const d = demo();
    const client = d.clients[3];
    if (!client) throw new Error('no client 3');
    client.birthDate = '2025-02-30';
    const problems = problemsOf(d);
    expect(problems).toEqual([{ path: 'clients[3] (K-0004).birthDate', message: 'deze datum bestaat niet' }]);
    expect(formatProblems(problems, 'demo.json')).toBe('demo.json: clients[3] (K-0004).birthDate: deze datum bestaat niet');
  });

  it('a date in the wrong format', () => {
    const d = demo();
    const unit = d.units[0];
    if (!unit) throw new Error('no unit 0');
    unit.availableFrom = '1-12-2026';
    const problems = problemsOf(d);
    expect(problems[0]?.path).toBe('units[0] (W-001).availableFrom');
    expect(problems[0]?.message).toContain('JJJJ-MM-DD');
  });

  it('a negative rent', () => {
    const d = demo();
    const unit = d.units[12];
    if (!unit) throw new Error('no unit 12');
    unit.rent = -5;
    const problems = problemsOf(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('units[12] (W-013).rent');
    expect(problems[0]?.message).toContain('negatief');
  });

  it('a rent with three decimals', () => {
    const d = demo();
    const unit = d.units[12];
    if (!unit) throw new Error('no unit 12');
    unit.rent = 512.345;
    expect(problemsOf(d)).toEqual([{ path: 'units[12] (W-013).rent', message: 'maximaal twee decimalen' }]);
  });

  it('a duplicated client id', () => {
    const d = demo();
    const client = d.clients[1];
    if (!client) throw new Error('no client 1');
    client.id = 'K-0001';
    const problems = problemsOf(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('clients[1] (K-0001).id');
    expect(problems[0]?.message).toContain("dubbel: 'K-0001' staat ook op clients[0]");
  });

  it('a neighbourhood in the wrong municipality', () => {
    const d = demo();
    const unit = d.units[0];
    if (!unit) throw new Error('no unit 0');
    expect(unit.municipalityCode).toBe('GM0034');
    unit.neighbourhoodCode = 'BU09950101';
    expect(problemsOf(d)).toEqual([
      { path: 'units[0] (W-001).neighbourhoodCode', message: "buurt 'BU09950101' ligt in GM0995, niet in GM0034" },
    ]);
  });

  it('an unknown client on an omklap unit and an unknown readiness item', () => {
    const d = demo();
    const unit = d.units.find((u) => u.kind === 'omklap');
    const index = unit ? d.units.indexOf(unit) : -1;
    if (!unit) throw new Error('no omklap unit');
    unit.occupantClientId = 'K-9999';
    const readiness = (d.clients[0] as { readiness: { item: string }[] }).readiness;
    const first = readiness[0];
    if (!first) throw new Error('no readiness');
    first.item = 'bestaat-niet';
    expect(problemsOf(d)).toEqual([
      { path: `units[${index}] (${String(unit.id)}).occupantClientId`, message: "onbekende cliënt 'K-9999'" },
      {
        path: 'clients[0] (K-0001).readiness[0].item',
        message: "onbekende voorwaarde 'bestaat-niet' (niet in het beleidsprofiel)",
      },
    ]);
  });

  it('a document that is not a dataset at all', () => {
    const problems = problemsOf({ format: 'iets-anders' });
    expect(problems.some((p) => p.path === 'format')).toBe(true);
    expect(problems.some((p) => p.path === 'clients')).toBe(true);
  });
});

describe('checkDataset on version 2', () => {
  const v2 = () => ({ ...demo(), version: 2, history: emptyHistory() }) as Record<string, unknown> & { history: ReturnType<typeof emptyHistory> };

  it('the demo with an empty history is a valid v2 document', () => {
    const check = checkDataset(v2());
    expect(check.ok ? [] : formatProblems(check.problems)).toEqual([]);
  });

  it('a round whose member and control name unknown records', () => {
    const d = v2();
    d.history.rounds.push({
      id: 4,
      date: '2026-11-27',
      windowFrom: '2026-11-27',
      windowTo: '2027-01-31',
      note: '',
      status: 'preparing',
      createdAt: '2026-11-27T10:00:00.000Z',
      createdBy: 'tester',
      closedAt: null,
      closedBy: null,
      clients: [{ clientId: 'K-9999', included: true, reason: '', openItems: [], manual: false }],
      units: [],
      controls: [
        {
          id: 7,
          kind: 'set-aside-unit',
          clientId: null,
          unitId: 'W-999',
          reason: 'Renovatie',
          source: 'chair',
          createdAt: '2026-11-27T10:00:00.000Z',
          createdBy: 'tester',
          liftedAt: null,
          liftedBy: null,
          liftReason: null,
        },
      ],
      versions: [],
      decisions: [],
      reviewFiles: [],
    });
    expect(problemsOf(d)).toEqual([
      { path: 'history.rounds[0] (4).clients[0].clientId', message: "onbekende cliënt 'K-9999'" },
      { path: 'history.rounds[0] (4).controls[0] (7).unitId', message: "onbekende woning 'W-999'" },
    ]);
  });

  it('a timestamp, a hash and a month in the wrong form', () => {
    const d = v2();
    d.history.audit.entries.push({ id: 1, at: 'x', actor: 'a', action: 'b', entity: 'c', entityId: null, detail: '{}', prevHash: 'nee', hash: '0'.repeat(64) });
    d.history.retention.log.push({ id: 1, at: 'gisteren', by: 'tester', kind: 'placed', action: 'delete', years: 5, cutoff: '2021-11-27', count: 0 });
    const problems = problemsOf(d);
    expect(problems).toEqual([
      { path: 'history.retention.log[0] (1).at', message: 'verwacht een tijdstip als 2026-11-27T10:00:00.000Z' },
      { path: 'history.audit.entries[0] (1).prevHash', message: 'verwacht 64 hexadecimale tekens (0-9, a-f)' },
    ]);
  });

  it('an audit chain whose first entry does not start the log, and a head that is missing', () => {
    const d = v2();
    const h = (c: string) => c.repeat(64);
    d.history.audit.entries.push({ id: 1, at: '2026-11-27T10:00:00.000Z', actor: 'a', action: 'b', entity: 'c', entityId: null, detail: '{}', prevHash: h('1'), hash: h('2') });
    expect(problemsOf(d)).toEqual([{ path: 'history.audit.entries[0] (1).prevHash', message: 'de eerste regel hoort niet bij het begin van het logboek' }]);
    d.history.audit.entries[0]!.prevHash = h('0');
    expect(problemsOf(d)).toEqual([{ path: 'history.audit.head', message: 'ontbreekt; hoort regel 1 aan te wijzen' }]);
  });
});
