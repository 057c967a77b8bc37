// A throwaway PostgreSQL cluster for the tests (issue 15): Debian's PostgreSQL, initdb in a temporary
// folder, started with pg_ctl on a free port of 127.0.0.1, and removed afterwards. initdb refuses to
// run as root, so as root the cluster belongs to an ordinary user (Debian's `postgres`, else
// `nobody`). No mock: the real server. UITSTROOMTAFEL_TEST_PG=postgres://… uses a server of your own
// instead (its user must be allowed to create databases).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  /** postgres://user@127.0.0.1:port/postgres: the maintenance database, for CREATE DATABASE. */
  url: string;
  stop(): void;
}

const USER = 'uitstroom';

/** The folder with initdb and pg_ctl: on PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
export function postgresBin(): string {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && existsSync(join(onPath, '..', 'pg_ctl'))) return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) {
    throw new Error("PostgreSQL ontbreekt: installeer Debian's pakket 'postgresql' (.ci/run doet dat), of zet UITSTROOMTAFEL_TEST_PG op een eigen server.");
  }
  return join(root, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The ordinary user that runs the cluster when we are root (initdb refuses root). */
function clusterOwner(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) {
      const uid = Number(r.stdout.trim());
      const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
      return { name, uid, gid };
    }
  }
  throw new Error('Als root draait PostgreSQL onder een gewone gebruiker (postgres of nobody); geen van beide bestaat.');
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'uitstroom-pg-'));
  const data = join(dir, 'data');
  const owner = clusterOwner();
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', owner.name, '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    return execFileSync(file as string, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', cwd: dir });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    // Throwaway: no durability needed; the socket in our own folder, TCP on loopback only.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '120', 'start']);
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL starten mislukt: ${err.stderr || err.message}`);
  }
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
