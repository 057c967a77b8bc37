// Record versions for optimistic concurrency: every record a person edits is read with its `version`,
// and every update sends back the version it started from (`expectedVersion`). Pure TypeScript.
import { z } from 'zod';

/** A record's version: 1 when created, raised by every update. */
export const RecordVersion = z.number().int().min(1).max(2_147_483_647);

/** Required on every update: the version the edit started from; a stale one is refused (STALE). */
export const ExpectedVersion = { expectedVersion: RecordVersion };
