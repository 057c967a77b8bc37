// Browser mode's HTTP adapter: token on every API call, Host check, same-origin, static files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { type RunningServer, startHttpServer } from '../../electron/backend/http/http-server';
import { miniDataset } from '../fixtures/mini-dataset';
import { importDataset, memoryBackend } from './helpers';

let b: Backend;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, miniDataset());
  dir = mkdtempSync(join(tmpdir(), 'ut-http-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startHttpServer({ dispatch: b.dispatch, staticDir: dir, port: 0, actor: 'browser:test' });
});
afterAll(async () => {
  await server.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so tests can set any Host header (fetch cannot). */
function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
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
});
