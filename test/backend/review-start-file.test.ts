// The review file a host was started with (--review, or the desktop app opened on a .beoordeling file):
// the gate hands it out before any login and without a database; a missing or oversized file is refused
// in Dutch, naming it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Gate } from '../../electron/backend/auth/gate';
import { Vault } from '../../electron/backend/auth/vault';
import { REVIEW_FILE_MAX } from '../../shared/review/review-file';

let dir: string;
let vault: Vault;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-review-start-'));
  // No database file at all: the liaison's machine.
  vault = new Vault({ file: join(dir, 'geen.sqlite'), host: 'test' });
});
afterEach(async () => {
  await vault.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('review.startFile', () => {
  it('hands out the start file before login, without a database; null when the host was started without one', async () => {
    const path = join(dir, 'ronde-1.beoordeling');
    writeFileSync(path, '\uFEFF{"format":"uitstroomtafel-review"}');
    const reply = await new Gate(vault, { startReview: () => path }).call(null, 'review.startFile', {});
    expect(reply).toEqual({ result: { ok: true, value: { fileName: 'ronde-1.beoordeling', content: '{"format":"uitstroomtafel-review"}' } }, session: null });
    expect(vault.state()).toBe('setup');
    expect((await new Gate(vault).call(null, 'review.startFile', {})).result).toEqual({ ok: true, value: null });
  });

  it('refuses a missing or oversized file in Dutch, naming it', async () => {
    const missing = join(dir, 'weg.beoordeling');
    const big = join(dir, 'groot.beoordeling');
    writeFileSync(big, Buffer.alloc(REVIEW_FILE_MAX + 1, 0x20));
    const a = await new Gate(vault, { startReview: () => missing }).call(null, 'review.startFile', {});
    expect(a.result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `Beoordelingsbestand ${missing} bestaat niet of kan niet worden gelezen.` } });
    const b = await new Gate(vault, { startReview: () => big }).call(null, 'review.startFile', {});
    expect(b.result).toMatchObject({ ok: false, error: { message: 'Beoordelingsbestand groot.beoordeling is te groot (meer dan 5 MB).' } });
  });
});
