// `useRoundNames(round)`: how the round's steps name a client, a home, a municipality and a person
// ("K-0001 · Michelle", "W-12 · Boswijk, Lelystad", "Anna de Vries"), and `roundName` a round ("Ronde 1 —
// 4 december 2026"). Runs in the renderer.
import { useMemo } from 'react';
import type { RoundDetail } from '../../../../shared/api/rounds.contract';
import { formatLongDate } from '../../../../shared/reports/format-nl';
import type { RoundNames } from './explanation.component';

/** The round's names, and a person's display name for a login name (the login name when no user has it). */
export interface RoundPeopleNames extends RoundNames {
  person: (login: string | null) => string;
}

/** "Ronde 1 — 4 december 2026": a round as people name it, never an ISO date. */
export function roundName(round: { id: number; date: string }): string {
  return `Ronde ${round.id} — ${formatLongDate(round.date)}`;
}

/** Names for codes: a client as "K-0001 · Michelle" when the data has a name; a home by code and place. */
export function useRoundNames(round: RoundDetail): RoundPeopleNames {
  return useMemo(() => {
    const clients = new Map(round.clients.map((c) => [c.id, c]));
    const units = new Map(round.units.map((u) => [u.id, u]));
    const municipalities = new Map<string, string>();
    for (const c of round.clients) municipalities.set(c.originMunicipalityCode, c.originMunicipality);
    for (const u of round.units) municipalities.set(u.municipalityCode, u.municipality);
    return {
      client: (cid) => {
        const c = clients.get(cid);
        return c?.name ? `${cid} · ${c.name}` : cid;
      },
      unit: (uid) => {
        const u = units.get(uid);
        return u ? `${uid} · ${u.neighbourhood ? `${u.neighbourhood}, ` : ''}${u.municipality}` : uid;
      },
      municipality: (code) => municipalities.get(code) ?? code,
      person: (login) => (login ? (round.people[login] ?? login) : '—'),
    };
  }, [round]);
}
