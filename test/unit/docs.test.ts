// docs/dataset-format.md stays true: its example document passes checkDataset and it names every field of
// every section of dataset format v1. Runs under vitest in Node.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { PolicySettings } from '../../shared/domain/policy';
import {
  AvoidPlace,
  Client,
  Consent,
  Dataset,
  Municipality,
  Neighbourhood,
  NetworkPlace,
  Organisation,
  Placement,
  Quota,
  ReadinessEntry,
  Region,
  Unit,
  Veto,
} from '../../shared/dataset/dataset.schema';
import { checkDataset, formatProblems } from '../../shared/dataset/validate';

const doc = readFileSync(fileURLToPath(new URL('../../docs/dataset-format.md', import.meta.url)), 'utf8');

describe('docs/dataset-format.md', () => {
  it('has an example document that passes checkDataset', () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const check = checkDataset(JSON.parse(block ?? 'null'));
    expect(check.ok ? [] : formatProblems(check.problems)).toEqual([]);
  });

  const sections: [string, z.ZodObject][] = [
    ['Dataset', Dataset],
    ['Region', Region],
    ['Municipality', Municipality],
    ['Neighbourhood', Neighbourhood],
    ['Organisation', Organisation],
    ['Quota', Quota],
    ['Unit', Unit],
    ['Client', Client],
    ['NetworkPlace', NetworkPlace],
    ['AvoidPlace', AvoidPlace],
    ['ReadinessEntry', ReadinessEntry],
    ['Consent', Consent],
    ['Veto', Veto],
    ['Placement', Placement],
    ['PolicySettings', PolicySettings],
    ['Client.household', Client.shape.household],
    ['Client.income', Client.shape.income],
    ['Client.support', Client.shape.support],
    ['Client.preferences', Client.shape.preferences],
  ];
  it.each(sections)('names every field of %s', (_, schema) => {
    for (const key of Object.keys(schema.shape)) expect(doc, key).toMatch(new RegExp(`\`[^\`\\n]*\\b${key}\\b[^\`\\n]*\``));
  });
});
