// Browser mode: the same gate (login, sessions) and dispatcher over HTTP on 127.0.0.1 only. Every API
// call needs the per-start token and, after login, the session cookie; the Host header must name this
// server (no DNS rebinding); request bodies have a limit per method (large only for imports); static
// files come from the built renderer with a strict CSP. The regional server (server/server.main.ts)
// uses the same with its own gate: no per-start token, a CSRF token per session instead, HTTPS or
// 127.0.0.1 behind a reverse proxy. Node only.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Result } from '../../../shared/api/result';
import type { GateReply } from '../auth/gate';
import type { CallMeta } from '../server/server-gate';
import { UnparsedJson } from './unparsed-json';

/** The host's front door (auth/gate.ts, server/server-gate.ts): logs in and forwards calls as the session's user. */
export interface HttpGate {
  call(sessionId: string | null, method: unknown, input: unknown, meta?: CallMeta): Promise<GateReply>;
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export const SESSION_COOKIE = 'ut_session';
/** The regional server's CSRF token: readable by the page's script, which sends it back in CSRF_HEADER. */
export const CSRF_COOKIE = 'ut_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface HttpServerOptions {
  gate: HttpGate;
  /** Directory of the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /** Body limit of the import methods (dataset, spreadsheet, decisions file). */
  maxBodyBytes?: number;
  /** Body limit of every other method. */
  smallBodyBytes?: number;
  /** The address to listen on (default 127.0.0.1). */
  host?: string;
  /** HTTPS with this certificate and key (PEM); plain HTTP without. */
  tls?: { cert: Buffer; key: Buffer };
  /** Every API call needs the per-start token (browser mode, the default); the regional server has sessions and CSRF tokens instead. */
  requireToken?: boolean;
  /** The address people open (behind a reverse proxy, e.g. https://uitstroom.regio.nl): its host and origin are accepted, its scheme decides Secure cookies. */
  publicOrigin?: string;
  /**
   * Large bodies (the LARGE_BODY_METHODS) go to the gate unparsed, as UnparsedJson: the regional server
   * parses them in its job worker. Off (parsed here) by default.
   */
  largeBodiesUnparsed?: boolean;
  /** One entry per API call once it is answered (the regional server's access log): never its input or output. */
  accessLog?: (entry: AccessEntry) => void;
}

export interface AccessEntry {
  at: Date;
  address: string;
  /** The session's user, or null (not logged in, refused before the gate). */
  actor: string | null;
  /** The API method as asked (only [A-Za-z0-9._-], at most 64 characters; else '?'). */
  method: string;
  status: number;
  ms: number;
}

/** An access log line: "2026-12-06T23:55:01.123Z 10.0.0.7 anna clients.list 200 14 ms". */
export function accessLine(e: AccessEntry): string {
  return `${e.at.toISOString()} ${e.address} ${e.actor ?? '-'} ${e.method} ${e.status} ${Math.round(e.ms)} ms`;
}

/** Methods that carry a whole file: only these get the large body limit. */
export const LARGE_BODY_METHODS: ReadonlySet<string> = new Set(['dataset.import', 'import.preview', 'import.commit', 'review.importDecisions']);
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_SMALL_BODY_BYTES = 1024 * 1024;
/** After refusing a body as too large, read (and discard) at most this much more so the client sees the answer, not a reset. */
const DRAIN_MAX_BYTES = 256 * 1024 * 1024;
const DRAIN_MAX_MS = 30_000;
/** How long a stop waits for the requests under way. */
const STOP_WAIT_MS = 10_000;

export interface RunningServer {
  /** The address to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const LOOPBACK = '127.0.0.1';
const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const HOST = options.host ?? LOOPBACK;
  const requireToken = options.requireToken ?? true;
  const scheme = options.tls ? 'https' : 'http';
  const publicOrigin = options.publicOrigin ? new URL(options.publicOrigin) : null;
  const secure = options.tls !== undefined || publicOrigin?.protocol === 'https:';
  const cookieAttributes = `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
  const csrfAttributes = `SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const smallBody = options.smallBodyBytes ?? DEFAULT_SMALL_BODY_BYTES;
  let port = options.port ?? 0;
  const bodyLimit = (method: string) => (LARGE_BODY_METHODS.has(method) ? maxBody : smallBody);

  // Requests under way: a stop lets them finish (up to STOP_WAIT_MS) before the database closes behind them.
  let inflight = 0;
  let onIdle: (() => void) | null = null;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    inflight++;
    handle(req, res).catch((e) => {
      console.error('[http] unexpected error', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Interne fout.' } });
      else res.destroy();
    }).finally(() => {
      inflight--;
      if (inflight === 0) onIdle?.();
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createServer(onRequest);
  // 'Expect: 100-continue': refuse a body declared too large before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const method = apiMethodOf(req.url);
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (method !== null && declared > bodyLimit(method)) {
      sendJson(res, 413, tooLarge(bodyLimit(method)), { Connection: 'close' });
      return;
    }
    res.writeContinue();
    onRequest(req, res);
  });

  // The Host header must name this server (no DNS rebinding): its address, localhost, and the public
  // address; listening on every address, any name reaches it (the login and CSRF token guard it).
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`, `${LOOPBACK}:${port}`, ...(publicOrigin ? [publicOrigin.host] : [])]);
  const hostAllowed = (host: string | undefined) => (ANY_ADDRESS.has(HOST) && host !== undefined && host !== '') || allowedHosts().has(host ?? '');
  /** Who is asking: the socket's address, or behind a reverse proxy on this machine the address it adds last to X-Forwarded-For. */
  const addressOf = (req: IncomingMessage): string => {
    const socket = req.socket.remoteAddress ?? 'onbekend';
    const forwarded = req.headers['x-forwarded-for'];
    if (publicOrigin && typeof forwarded === 'string' && /^(127\.|::1$|::ffff:127\.)/.test(socket)) {
      const last = forwarded.split(',').pop()?.trim();
      if (last) return last.slice(0, 64);
    }
    return socket;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    if (!hostAllowed(req.headers.host)) {
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Onbekende host.' } });
      return;
    }
    let pathname: string | null = null;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', `http://${HOST}:${port}`).pathname);
    } catch {
      // A malformed address (e.g. '/%ff' is no UTF-8): the client's mistake, not ours.
    }
    if (pathname === null) {
      sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Ongeldig adres (onjuiste %-codering).' } });
      req.resume();
      return;
    }
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: 'Methode niet toegestaan.' } });
      req.resume();
      return;
    }
    serveStatic(res, pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    let actor: string | null = null;
    if (options.accessLog) {
      const started = performance.now();
      const log = options.accessLog;
      const shown = /^[A-Za-z0-9._-]{1,64}$/.test(method) ? method : '?';
      res.once('finish', () => log({ at: new Date(), address: addressOf(req), actor, method: shown, status: res.statusCode, ms: performance.now() - started }));
    }
    res.setHeader('Cache-Control', 'no-store');
    if (requireToken && !hasToken(req)) {
      // Drain nothing, answer nothing but the refusal.
      sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Geen of een onjuist toegangstoken.' } });
      req.resume();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `${scheme}://${req.headers.host}` && origin !== publicOrigin?.origin) {
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Verzoek van een andere herkomst geweigerd.' } });
      req.resume();
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: 'Gebruik POST voor API-aanroepen.' } });
      req.resume();
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, { ok: false, error: { code: 'VALIDATION', message: 'Verwacht application/json.' } });
      req.resume();
      return;
    }
    const limit = bodyLimit(method);
    const body = await readBody(req, limit);
    if (body === null) {
      // Too large (declared or streamed): answer once the client has finished sending, then close.
      sendJson(res, 413, tooLarge(limit), { Connection: 'close' });
      return;
    }
    let input: unknown;
    try {
      input = options.largeBodiesUnparsed && LARGE_BODY_METHODS.has(method) ? new UnparsedJson(body) : body.length ? JSON.parse(body) : {};
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'De aanvraag is geen geldige JSON.' } });
      return;
    }
    const csrf = req.headers[CSRF_HEADER];
    const reply = await options.gate.call(sessionOf(req), method, input, { address: addressOf(req), csrf: typeof csrf === 'string' ? csrf : null });
    actor = reply.actor ?? null;
    // The session id travels only in the cookie, never in the body.
    const headers: Record<string, string | string[]> = {};
    if (reply.session && 'set' in reply.session) {
      const cookies = [`${SESSION_COOKIE}=${reply.session.set}; ${cookieAttributes}`];
      if (reply.session.csrf) cookies.push(`${CSRF_COOKIE}=${reply.session.csrf}; ${csrfAttributes}`);
      headers['Set-Cookie'] = cookies;
    }
    if (reply.session && 'clear' in reply.session) {
      headers['Set-Cookie'] = [`${SESSION_COOKIE}=; ${cookieAttributes}; Max-Age=0`, ...(requireToken ? [] : [`${CSRF_COOKIE}=; ${csrfAttributes}; Max-Age=0`])];
    }
    const status = reply.status ?? (!reply.result.ok && reply.result.error.code === 'UNAUTHORIZED' ? 401 : 200);
    sendJson(res, status, reply.result, headers, reply.resultJson);
  }

  function hasToken(req: IncomingMessage): boolean {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(auth);
    if (!m?.[1]) return false;
    const given = Buffer.from(m[1]);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  }

  /** `pathname` is already decoded. */
  function serveStatic(res: ServerResponse, pathname: string): void {
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = normalize(join(options.staticDir, rel));
    if (!file.startsWith(normalize(options.staticDir) + sep)) {
      res.writeHead(404).end();
      return;
    }
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Niet gevonden');
      return;
    }
    const headers: Record<string, string | number> = {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
    };
    if (file.endsWith('.html')) {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      headers['Cache-Control'] = 'no-store';
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = publicOrigin?.origin ?? `${scheme}://${ANY_ADDRESS.has(HOST) ? 'localhost' : HOST.includes(':') ? `[${HOST}]` : HOST}:${port}`;
  return {
    url: requireToken ? `${origin}/?token=${token}` : `${origin}/`,
    origin,
    port,
    token,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inflight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, STOP_WAIT_MS);
          timer.unref();
          onIdle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The session id from the request's cookie, or null. */
function sessionOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]{1,128}$/.test(value)) return value;
  }
  return null;
}

/** The API method an address names, or null (not an API address, or malformed). */
function apiMethodOf(url: string | undefined): string | null {
  try {
    const pathname = decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
    return pathname.startsWith('/api/') ? pathname.slice('/api/'.length) : null;
  } catch {
    return null;
  }
}

function tooLarge(limit: number): Result<never> {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} kB`;
  return { ok: false, error: { code: 'VALIDATION', message: `De aanvraag is groter dan ${size}, het maximum voor deze methode; er is niets verwerkt.` } };
}

/**
 * The body as text, or null when it is larger than `max` (by its declared Content-Length or by what
 * arrives). A body too large is read to its end and thrown away, so the client can read the 413
 * instead of a connection reset; one that keeps coming past DRAIN_MAX_BYTES or DRAIN_MAX_MS is cut off.
 */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = Number(req.headers['content-length'] ?? 0) > max;
    let timer: NodeJS.Timeout | undefined;
    const startDraining = () => {
      chunks.length = 0;
      timer = setTimeout(() => {
        resolve(null);
        req.socket.destroy();
      }, DRAIN_MAX_MS);
      timer.unref();
    };
    if (tooBig) startDraining();
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (tooBig) {
        if (size > max + DRAIN_MAX_BYTES) {
          clearTimeout(timer);
          resolve(null);
          req.socket.destroy();
        }
        return;
      }
      if (size > max) {
        tooBig = true;
        startDraining();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>, headers: Record<string, string | string[]> = {}, text = JSON.stringify(body)): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
