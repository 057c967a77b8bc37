// `useRoundNames(round)`: how the round's steps name a client, a home and a municipality ("K-0001 ·
// Michelle", "W-12 · Boswijk, Lelystad"), from the round's own members. Runs in the renderer.
import { useMemo } from 'react';
import type { RoundDetail } from '../../../../shared/api/rounds.contract';
import type { RoundNames } from './explanation.component';

/** Names for codes: a client as "K-0001 · Michelle" when the data has a name; a home by code and place. */
export function useRoundNames(round: RoundDetail): RoundNames {
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
    };
  }, [round]);
}
