// Builds the JSON Schema (draft 2020-12) of dataset format v2 (v1 documents match it too) from the zod Dataset schema.
// Pure TypeScript, no I/O: scripts/generate-json-schema.ts writes it, test/unit checks the committed file.
import { z } from 'zod';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { textFieldPattern } from '../../shared/domain/primitives';

export const JSON_SCHEMA_FILE = 'resources/dataset.schema.json';

const DESCRIPTION =
  'Dataset format v2 of the uitstroomtafel: a whole region (reference data, agreements, policy, units, clients, ' +
  'placements) and its history (rounds, follow-up, retention, the audit log) as one JSON document; version 1, the ' +
  'register without `history`, is still read. Generated from shared/dataset/dataset.schema.ts by `npm run schema`; do not edit. ' +
  'The history must be present in version 2 and absent in version 1. ' +
  'This schema covers the shape only: that dates exist (1900-2100), amounts have at most two decimals, ids are unique and ' +
  'references resolve is checked by the application (checkDataset). See docs/dataset-format.md.';

/** The schema as an object; `title` and `description` follow `$schema`. */
export function buildJsonSchema(): Record<string, unknown> {
  // io 'input': describe what a document may contain (unknown keys are ignored on import, not rejected).
  // Text fields carry their forbidden characters (control and bidi characters) as a pattern.
  const { $schema, ...rest } = z.toJSONSchema(Dataset, {
    target: 'draft-2020-12',
    io: 'input',
    override: (ctx) => {
      const pattern = textFieldPattern(ctx.zodSchema);
      if (pattern) ctx.jsonSchema.pattern = pattern;
    },
  }) as Record<string, unknown>;
  return { $schema, title: 'Uitstroomtafel dataset v2', description: DESCRIPTION, ...rest };
}

/** The exact file contents: two-space indentation and a trailing newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
