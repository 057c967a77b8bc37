// The corporation's own decline reasons as the liaison reads them (the review mode, the review PDF):
// without the "Corporatie weigert:" the chair's list needs, since here the corporation itself speaks. Pure TypeScript.
import type { CorporationDeclineReason } from './review-file';

export const CORPORATION_DECLINE_REASON_LABELS: Record<CorporationDeclineReason, string> = {
  'rent-debt': 'Huurschuld',
  'landlord-statement': 'Verhuurdersverklaring',
  liveability: 'Leefbaarheid',
  other: 'Overig',
};
