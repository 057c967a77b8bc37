// API methods for the corporation liaison's review without sharing the database: the chair exports
// a review file (and PDF) per corporation and imports the decisions file that comes back.
// Merged into contract.ts. Pure TypeScript.
import { z } from 'zod';
import { Id, Line, OUT_FILE_MAX, OUT_MAX } from '../domain/primitives';
import { REVIEW_FILE_MAX } from '../review/review-file';
import type { MethodSpec } from './method-spec';

export const reviewMethods = {
  /**
   * The review file for one corporation's proposals in a version (default: the latest), and a PDF of it.
   * A mutation: each file gets its own secret, kept with its record to verify the decisions that come back. Logged as an export.
   */
  'review.export': {
    kind: 'mutation',
    input: z.object({ roundId: z.number().int().min(1), version: z.number().int().min(1).optional(), corporationId: Id }).strict(),
    output: z.object({
      fileName: z.string().max(OUT_MAX),
      contentBase64: z.string().max(OUT_FILE_MAX),
      pdfFileName: z.string().max(OUT_MAX),
      pdfBase64: z.string().max(OUT_FILE_MAX),
      proposals: z.number().int(),
      /** Proposals left out (client–unit): no recorded basis to share the client's facts with this corporation. */
      withheld: z.array(z.string().max(OUT_MAX)),
    }),
  },
  /**
   * Checks a returned decisions file (right round, right corporation, HMAC under the review file's
   * secret, newer than what was read, no pair twice) and records the decisions that are new or changed:
   * `recorded` new ones, `unchanged` already recorded as they are; the same file read again records
   * nothing (alreadyRead).
   */
  'review.importDecisions': {
    kind: 'mutation',
    input: z.object({ fileName: Line(300), content: z.string().max(REVIEW_FILE_MAX) }).strict(),
    output: z.object({ roundId: z.number().int(), corporationId: z.string().max(OUT_MAX), decidedBy: z.string().max(OUT_MAX), recorded: z.number().int(), unchanged: z.number().int(), alreadyRead: z.boolean() }),
  },
  /**
   * The review file this app was started with (`npm run web -- --review FILE`, or the desktop app opened
   * on a .beoordeling file), or null. Answered by the host's gate before any login: the review mode needs
   * no database.
   */
  'review.startFile': {
    kind: 'query',
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string().max(OUT_MAX), content: z.string().max(REVIEW_FILE_MAX) }).nullable(),
  },
} as const satisfies Record<string, MethodSpec>;
