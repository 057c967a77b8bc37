// The names along a report chart's axis: the x column, and where names repeat, the text column that
// tells the rows apart best — a complex's name rather than the level word "Complex".
import { describe, expect, it } from 'vitest';
import { categoryLabels } from '../../renderer/src/features/reports/chart-labels';
import type { ReportColumn, TableSection } from '../../shared/reports/report-doc';

const col = (key: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, label: key, type });
const section = (rows: Record<string, string | number | null>[]): TableSection => ({
  kind: 'table',
  key: 'load',
  title: 'Buurtbelasting',
  columns: [col('level'), col('municipality'), col('neighbourhood'), col('complex'), col('count', 'count')],
  rows: rows.map((cells, i) => ({ key: `r${i}`, cells })),
});

describe('chart category labels', () => {
  it('names a complex by its name, not by its level', () => {
    const s = section([
      { level: 'Buurt', municipality: 'Almere', neighbourhood: 'Muziekwijk', complex: null, count: 3 },
      { level: 'Complex', municipality: 'Almere', neighbourhood: 'Muziekwijk', complex: 'Complex Kemphaanhof', count: 2 },
      { level: 'Buurt', municipality: 'Dronten', neighbourhood: 'Centrum', complex: null, count: 1 },
      { level: 'Buurt', municipality: 'Lelystad', neighbourhood: 'Centrum', complex: null, count: 4 },
    ]);
    expect(categoryLabels(s, col('neighbourhood'))).toEqual(['Muziekwijk · Almere', 'Muziekwijk · Complex Kemphaanhof · Almere', 'Centrum · Dronten', 'Centrum · Lelystad']);
  });

  it('keeps the x column alone when it already tells the rows apart', () => {
    const s = section([
      { level: 'Buurt', municipality: 'Almere', neighbourhood: 'Muziekwijk', complex: null, count: 3 },
      { level: 'Buurt', municipality: 'Dronten', neighbourhood: 'Centrum', complex: null, count: 1 },
    ]);
    expect(categoryLabels(s, col('neighbourhood'))).toEqual(['Muziekwijk', 'Centrum']);
  });
});
