// Consent in the list export (export.list): a provider worker's list holds only their own provider's
// clients whose consent covers that provider; the file and the audit say how many were left out; the
// chair's register export holds every client.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { MethodInput, MethodOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { chairUser } from '../../shared/auth/system-user';
import { row, run } from '../pg/sql';
import { call, importDataset, memoryBackend } from './helpers';
import { demo } from './privacy-fixture';

const PROVIDER = 'prov-dijkzicht';
const worker = { actor: 'medewerker', user: { ...chairUser('medewerker'), role: 'provider' as const, careProviderId: PROVIDER } };
let b: Backend;

async function asWorker(input: MethodInput<'export.list'>): Promise<Result<MethodOutput<'export.list'>>> {
  return (await b.dispatch('export.list', input, worker)) as Result<MethodOutput<'export.list'>>;
}
const csvCodes = (out: MethodOutput<'export.list'>) =>
  Buffer.from(out.contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1).filter(Boolean).map((l) => l.split(';')[0]);

beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
}, 60_000);

describe('export.list and consent', () => {
  const own = demo.clients.filter((c) => c.careProviderId === PROVIDER && c.status !== 'archived').map((c) => c.id).sort();

  it("gives a provider worker only their own provider's clients, even when the filter names another", async () => {
    const r = await asWorker({ kind: 'clients', format: 'csv', filters: { careProviderIds: ['prov-windkering'] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(csvCodes(r.value).sort()).toEqual(own);
    expect(r.value.fileName).toBe('kandidaten-2026-11-27.csv');
    const units = await asWorker({ kind: 'units', format: 'csv' });
    expect(!units.ok && units.error.code).toBe('FORBIDDEN');
  });

  it('leaves out a client whose consent for this provider was withdrawn, and says so in the file and the audit', async () => {
    const gone = own[0]!;
    const seq = (await row<{ n: number }>(b, 'select max(seq) + 1 as n from client_consents where client_id = ?', gone))!.n;
    await run(b, "insert into client_consents (client_id, seq, party, party_id, basis, given, date) values (?, ?, 'care-provider', ?, 'consent', 0, '2026-11-20')", gone, seq, PROVIDER);

    const csv = await asWorker({ kind: 'clients', format: 'csv' });
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csvCodes(csv.value).sort()).toEqual(own.filter((id) => id !== gone));
    expect(csv.value.fileName).toBe('kandidaten-2026-11-27-1-zonder-toestemming.csv');

    const xlsx = await asWorker({ kind: 'clients', format: 'xlsx' });
    if (!xlsx.ok) throw new Error(xlsx.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.value.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Kandidaten', 'Toelichting']);
    expect(wb.getWorksheet('Kandidaten')!.rowCount).toBe(own.length); // header + all but one
    expect(String(wb.getWorksheet('Toelichting')!.getCell('A2').value)).toBe(
      '1 kandidaat staat niet in dit bestand: voor deze kandidaat geldt vandaag geen toestemming of grondslag om gegevens te delen met uw zorgaanbieder (Dijkzicht Zorg (beschermd wonen)).',
    );
    const [entry] = await call(b, 'audit.list', { limit: 1 });
    expect(entry).toMatchObject({ actor: 'medewerker', action: 'export', entity: 'client' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ rows: own.length - 1, withheldNoConsent: 1, filters: { careProviderIds: [PROVIDER] } });

    // The chair holds the register: every client, the withdrawn one included.
    const chair = await call(b, 'export.list', { kind: 'clients', format: 'csv', filters: { statuses: ['active', 'set-aside', 'placed', 'archived'] } });
    expect(csvCodes(chair).sort()).toEqual(demo.clients.map((c) => c.id).sort());
    expect(chair.fileName).toBe('kandidaten-2026-11-27.csv');
  });
});
