// The right of access (clients.accessExport): the JSON holds every kind of record about the client and
// nothing about another client; the PDF renders (pdftoppm) in Dutch with dd-mm-jjjj dates; audited.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { call, memoryBackend } from './helpers';
import { type History, MICHELLE, demo, historyWithMichelle } from './privacy-fixture';

let b: Backend;
let h: History;
let out: Awaited<ReturnType<typeof exportIt>>;
let json: Record<string, any>;
let text: string;
const dir = mkdtempSync(join(tmpdir(), 'ut-access-'));

const exportIt = () => call(b, 'clients.accessExport', { id: MICHELLE.id });

beforeAll(async () => {
  b = await memoryBackend();
  h = await historyWithMichelle(b);
  out = await exportIt();
  text = Buffer.from(out.jsonBase64, 'base64').toString('utf8');
  json = JSON.parse(text);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clients.accessExport', () => {
  it('names the files by code and day', () => {
    expect(out.jsonFileName).toBe('inzage-K-0001-2026-11-27.json');
    expect(out.pdfFileName).toBe('inzage-K-0001-2026-11-27.pdf');
  });

  it('holds every kind of record about the client', () => {
    expect(json.format).toBe('uitstroomtafel-inzage');
    expect(json.client.id).toBe(MICHELLE.id);
    expect(json.client.name).toBe(MICHELLE.name);
    expect(json.client.networkPlaces.length).toBe(3);
    expect(json.client.readiness.length).toBeGreaterThan(0);
    expect(json.client.consents.length).toBe(3);
    expect(json.consentToday.map((c: { allowed: boolean }) => c.allowed)).toEqual([true, true, true]);
    expect(json.rounds.map((r: { roundId: number }) => r.roundId)).toEqual([h.closedRound, h.openRound]);
    const [closed, open] = json.rounds;
    expect(closed.member.included).toBe(true);
    expect(closed.proposals.some((p: { match: { unitId: string } | null }) => p.match?.unitId === h.unitId)).toBe(true);
    expect(closed.decisions).toMatchObject([{ unitId: h.unitId, decision: 'accepted-conditions', conditions: 'Michelle houdt budgetbeheer', clientAnswer: 'accepted' }]);
    expect(open.controls).toMatchObject([{ kind: 'lock', unitId: h.unitId, reason: 'Michelle wil dicht bij haar moeder wonen' }]);
    expect(json.placements).toMatchObject([{ id: h.placementId, unitId: h.unitId, moveInDate: '2026-12-15' }]);
    expect(json.placements[0].checks.find((c: { month: number }) => c.month === 6)).toMatchObject({ stillHoused: true, note: 'Michelle woont er goed' });
    expect(json.reviewFiles).toMatchObject([{ roundId: h.closedRound, corporationId: h.corporationId, units: [h.unitId] }]);
    expect(json.homes).toMatchObject([{ unitId: h.unitId }]);
    const actions = new Set(json.audit.map((a: { action: string; entity: string }) => `${a.entity}:${a.action}`));
    for (const a of ['client:view', 'round:decide', 'round:close', 'round:control-add', 'placement:create', 'placement:update', 'placement:check']) {
      expect(actions, a).toContain(a);
    }
  });

  it('holds nothing about another client: no other code or name anywhere', () => {
    const others = demo.clients.filter((c) => c.id !== MICHELLE.id);
    const found = others.filter((c) => new RegExp(`(?<![A-Za-z0-9])${c.id}(?![0-9])`).test(text)).map((c) => c.id);
    expect(found).toEqual([]);
    for (const c of others) if (c.name) expect(text, c.name).not.toContain(c.name);
    // The round close entry named every placed client: only hers is left.
    const close = json.audit.find((a: { action: string }) => a.action === 'close');
    expect(close.detail.decisions.map((d: { clientId: string }) => d.clientId)).toEqual([MICHELLE.id]);
    expect(close.detail.placements.map((d: { clientId: string }) => d.clientId)).toEqual([MICHELLE.id]);
    // Another client's note that mentions her is that client's record, not hers.
    expect(text).not.toContain('Kent Michelle');
  });

  it('is audited as an export of her record, with counts', async () => {
    const [last] = await call(b, 'audit.list', { limit: 1 });
    expect(last).toMatchObject({ action: 'export', entity: 'client', entityId: MICHELLE.id });
    expect(JSON.parse(last!.detail)).toMatchObject({ kind: 'inzage', rounds: 2, placements: 1, reviewFiles: 1 });
  });

  it('refuses an unknown client', async () => {
    await expect(call(b, 'clients.accessExport', { id: 'K-9999' })).rejects.toThrow(/NOT_FOUND.*K-9999 bestaat niet/);
  });

  it('gives a PDF whose first page renders, in Dutch with dd-mm-jjjj dates', () => {
    const pdf = Buffer.from(out.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dir, out.pdfFileName);
    writeFileSync(file, pdf);
    const shots = join(__dirname, '..', '..', 'test-results', 'screenshots');
    mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', file, join(shots, 'access-export')]);
    const page1 = join(shots, 'access-export-1.png');
    expect(existsSync(page1)).toBe(true);
    expect(readFileSync(page1).subarray(1, 4).toString('latin1')).toBe('PNG');
    const words = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(words).toContain('Inzage: gegevens over kandidaat K-0001');
    expect(words).toContain('Geboortedatum: 14-05-2003');
    expect(words).toContain('Gemeente van herkomst: Noordoostpolder');
    expect(words).toMatch(/Ronde \d+ van 27-11-2026/);
    expect(words).toContain('Akkoord onder voorwaarden');
    expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
