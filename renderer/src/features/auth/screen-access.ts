// Which screen needs which API method, and where each role starts: the renderer's reading of the access
// matrix (shared/auth/access-matrix.ts), so the navigation offers only what a role may use and a direct
// address to a forbidden screen shows "Geen toegang". The backend enforces the matrix anyway. Runs in the renderer.
import type { MethodName } from '../../../../shared/api/contract';
import { mayCall } from '../../../../shared/auth/access-matrix';
import type { Role } from '../../../../shared/auth/roles';

/**
 * Route prefixes (without the leading '/') and the method the screen cannot work without. The longest
 * matching prefix decides; a route not listed here is open to every logged-in person (its calls are
 * still checked by the backend).
 */
export const SCREEN_METHODS: readonly (readonly [prefix: string, method: MethodName])[] = [
  ['kandidaten/nieuw', 'clients.create'],
  ['kandidaten', 'clients.list'],
  ['woningen/nieuw', 'units.create'],
  ['woningen', 'units.list'],
  ['uitstroomtafel/nazorg', 'followup.todo'],
  ['uitstroomtafel', 'rounds.get'],
  ['beoordelen', 'review.export'],
  ['importeren', 'import.preview'],
  ['rapportages', 'monitor.report'],
  ['rapportages/monitor', 'monitor.report'],
  ['rapportages/zorgaanbieder', 'reports.provider'],
  ['rapportages/corporatie', 'reports.corporation'],
  ['rapportages/vergaderstukken', 'reports.agenda'],
  ['instellingen/gemeenten', 'municipalities.list'],
  ['instellingen/buurten', 'neighbourhoods.list'],
  ['instellingen/corporaties', 'corporations.list'],
  ['instellingen/afspraken', 'quotas.list'],
  ['instellingen/beleid', 'policies.list'],
  ['instellingen', 'account.changePassphrase'],
];

/** The method a path's screen needs, or null when any logged-in person may open it. */
export function screenMethod(pathname: string): MethodName | null {
  const path = pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  let best: (typeof SCREEN_METHODS)[number] | null = null;
  for (const entry of SCREEN_METHODS) {
    const [prefix] = entry;
    if ((path === prefix || path.startsWith(`${prefix}/`)) && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}

/** Whether the role may open the screen at this path. */
export function mayOpen(role: Role, pathname: string): boolean {
  const method = screenMethod(pathname);
  return method === null || mayCall(role, method);
}

/** Where each role starts: the screen of their daily work. */
export const START_PATHS: Record<Role, string> = {
  chair: '/kandidaten',
  provider: '/kandidaten',
  liaison: '/beoordelen',
  readonly: '/rapportages',
};

export const START_LABELS: Record<Role, string> = {
  chair: 'Naar de kandidaten',
  provider: 'Naar uw kandidaten',
  liaison: 'Naar beoordelen',
  readonly: 'Naar de rapportages',
};
