// The regional monitor's figures: counts from the live tables plus the counts kept in monitor_archive
// for client records that retention or an erasure deleted, so the figures survive both. Counts
// only, never a person; every role may read them. Node only.
import { sql } from 'kysely';
import type { monitorMethods } from '../../../shared/api/monitor.contract';
import { CLIENT_GROUPS, CLIENT_GROUP_LABELS, CLIENT_STATUSES, CLIENT_STATUS_LABELS, UNIT_STATUSES, UNIT_STATUS_LABELS } from '../../../shared/domain/codes';
import type { HandlersFor } from '../api/dispatcher';
import { readyCond } from '../reports/monitor-queries';
import { currentPolicy, isoDay } from './region.service';

const byKey = (rows: { key: string | null; n: number | bigint }[]) => {
  const map = new Map<string, number>();
  for (const r of rows) if (r.key !== null) map.set(r.key, (map.get(r.key) ?? 0) + Number(r.n));
  return map;
};

export const monitorHandlers: HandlersFor<typeof monitorMethods> = {
  'monitor.figures': async (ctx) => {
    const db = ctx.db;
    const items = (await currentPolicy(db, isoDay(ctx.now())))?.settings.readinessItems.map((i) => i.key) ?? [];
    const [clients, archived, units, placements, municipalities, rounds] = await Promise.all([
      db.selectFrom('clients').select(['status as key', sql<number>`count(*)`.as('n')]).groupBy('status').execute(),
      db.selectFrom('monitor_archive').select(['status as key', sql<number>`sum(count)`.as('n')]).groupBy('status').execute(),
      db.selectFrom('units').select(['status as key', sql<number>`count(*)`.as('n')]).groupBy('status').execute(),
      db.selectFrom('placements').select(['destination_municipality_code as key', sql<number>`count(*)`.as('n')]).groupBy('destination_municipality_code').execute(),
      db.selectFrom('municipalities').select(['code', 'name']).execute(),
      db.selectFrom('rounds').select([sql<number>`count(*)`.as('total'), sql<number>`sum(case when status = 'closed' then 1 else 0 end)`.as('closed')]).executeTakeFirst(),
    ]);
    // Ready: an active client with every readiness item of today's policy done (the monitor report's rule).
    const ready = db
      .selectFrom('clients as c')
      .select(['c.target_group as key', sql<number>`count(*)`.as('n')])
      .where('c.status', '=', 'active')
      .where(readyCond(items))
      .groupBy('c.target_group');
    const readyRows = await ready.execute();
    const live = byKey(clients);
    const kept = byKey(archived);
    const readyBy = byKey(readyRows);
    const unitsBy = byKey(units);
    const placed = byKey(placements);
    const names = new Map(municipalities.map((m) => [m.code, m.name]));
    return {
      clientsByStatus: CLIENT_STATUSES.map((s) => ({ key: s, label: CLIENT_STATUS_LABELS[s], count: (live.get(s) ?? 0) + (kept.get(s) ?? 0) })),
      readyByGroup: CLIENT_GROUPS.map((g) => ({ key: g, label: CLIENT_GROUP_LABELS[g], count: readyBy.get(g) ?? 0 })),
      unitsByStatus: UNIT_STATUSES.map((s) => ({ key: s, label: UNIT_STATUS_LABELS[s], count: unitsBy.get(s) ?? 0 })),
      placementsByMunicipality: [...placed.entries()]
        .map(([code, count]) => ({ key: code, label: names.get(code) ?? code, count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nl')),
      rounds: { total: Number(rounds?.total ?? 0), closed: Number(rounds?.closed ?? 0) },
      removedClients: [...kept.values()].reduce((a, b) => a + b, 0),
    };
  },
};
