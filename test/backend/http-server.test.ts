// Browser mode's HTTP adapter: token on every API call, Host check, same-origin, body limits, static files.
// (Login and the session cookie: auth.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gate } from '../../electron/backend/auth/gate';
import { Vault } from '../../electron/backend/auth/vault';
import { type RunningServer, startHttpServer } from '../../electron/backend/http/http-server';
import { miniDataset } from '../fixtures/mini-dataset';
import { FIXED_NOW, importDataset } from './helpers';

let vault: Vault;
let server: RunningServer;
let dir: string;
let session: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-http-'));
  vault = new Vault({ file: join(dir, 'db.sqlite'), host: 'test', now: () => FIXED_NOW });
  const gate = new Gate(vault);
  const setup = await gate.call(null, 'auth.setup', { name: 'voorzitter', displayName: 'Voorzitter', passphrase: 'een lange wachtwoordzin' });
  session = (setup.session as { set: string }).set;
  await importDataset(vault.open!, miniDataset());
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startHttpServer({ gate, staticDir: dir, port: 0 });
});
afterAll(async () => {
  await server.close();
  await vault.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A raw request, so tests can set any Host header (fetch cannot). `chunks`: a body sent in pieces
 * without a Content-Length (chunked). A write error after the answer arrived does not count.
 */
function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; chunks?: string[] } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      // A fresh connection each time: a pooled one may meet the server's keep-alive timeout on a busy machine.
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else req.end(opts.body);
  });
}

const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, Cookie: `ut_session=${session}`, ...headers },
    body: JSON.stringify(input),
  });

describe('http server', () => {
  it('binds 127.0.0.1 and prints an address with the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('answers API calls with the token', async () => {
    const r = await api('clients.list', { search: 'Michelle' });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.value.rows[0].id).toBe('K-1');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('refuses API calls without or with a wrong token: 401 and no data', async () => {
    for (const headers of [{ Authorization: '' }, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${server.token}x` }]) {
      const r = await api('clients.list', {}, headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Geen of een onjuist toegangstoken.' } });
      expect(r.body).not.toContain('K-1');
    }
    // The token in the page address is not accepted as an API credential.
    const q = await send(`/api/clients.list?token=${server.token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(q.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const r = await api('clients.list', {}, { Host: 'evil.example:80' });
    expect(r.status).toBe(403);
    const s = await send('/', { headers: { Host: 'evil.example' } });
    expect(s.status).toBe(403);
    const o = await api('clients.list', {}, { Origin: 'http://evil.example' });
    expect(o.status).toBe(403);
    const same = await api('clients.list', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
  });

  it('rejects malformed requests with a clear envelope', async () => {
    const bad = await send('/api/clients.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('VALIDATION');
    const get = await send('/api/clients.list', { headers: { Authorization: `Bearer ${server.token}` } });
    expect(get.status).toBe(405);
    const unknown = await api('nope.nothing', {});
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_METHOD');
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const r = await send('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    const trav = await send('/..%2f..%2fetc%2fpasswd');
    expect(trav.status).toBe(404);
  });

  it('answers a malformed address with 400, not 500', async () => {
    for (const path of ['/%ff', '/api/%ff', '/api/clients.list%e0%80']) {
      const r = await send(path, { method: path.startsWith('/api/') ? 'POST' : 'GET', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: path.startsWith('/api/') ? '{}' : undefined });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body).error.code).toBe('VALIDATION');
    }
  });

  it('never echoes input back: a long id is refused in a short answer', async () => {
    const id = `K-${'x'.repeat(200_000)}`;
    const r = await api('clients.get', { id });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toContain('is langer dan');
    expect(r.body.length).toBeLessThan(1000);
    expect(r.body).not.toContain('xxxxxxxxxx');
    // An unknown field and a wrong enum value are named without the value either.
    const e = await api('clients.list', { sortBy: 'y'.repeat(5000), ['z'.repeat(5000)]: 1 });
    expect(e.body.length).toBeLessThan(1000);
    expect(e.body).not.toContain('yyyyyyyyyy');
  });

  it('refuses a body over the limit of its method with 413 and a JSON answer, declared or streamed, and goes on serving', async () => {
    // 50 MB for a method that takes a small input: declared by Content-Length.
    const big = await api('clients.get', { id: 'x'.repeat(50 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('groter dan 1 MB') } });
    expect(big.body.length).toBeLessThan(500);
    expect(big.headers.connection).toBe('close');
    // The same, streamed without a Content-Length.
    const chunk = 'x'.repeat(256 * 1024);
    const streamed = await send('/api/clients.get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      chunks: ['{"id":"', ...Array.from({ length: 12 }, () => chunk), '"}'],
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe('VALIDATION');
    // 'Expect: 100-continue' with a large declared size: refused before the body is sent.
    const expectContinue = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: server.port,
        path: '/api/clients.get',
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, 'Content-Length': String(10 * 1024 * 1024), Expect: '100-continue' },
      });
      req.on('continue', () => reject(new Error('the server asked for the body')));
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(expectContinue).toBe(413);
    const after = await api('clients.list', { search: 'Michelle' });
    expect(after.status).toBe(200);
  }, 60_000);

  it('lets the import methods take a large body', async () => {
    const r = await api('dataset.import', { dataset: { notes: 'x'.repeat(3 * 1024 * 1024) }, source: 'groot.json' });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('VALIDATION');
    expect(r.body).not.toContain('xxxxxxxxxx');
  }, 60_000);
});
