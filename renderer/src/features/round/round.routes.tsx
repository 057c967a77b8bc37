// Routes of the uitstroomtafel (#/uitstroomtafel...): the rounds, one round by its steps, and the
// follow-up to-do list. Runs in the renderer.
import type { RouteObject } from 'react-router';
import { FollowupPage } from '../followup/followup.page';
import { RoundPage } from './round.page';
import { RoundsListPage } from './rounds-list.page';

export const roundRoutes: RouteObject[] = [
  { path: 'uitstroomtafel', element: <RoundsListPage /> },
  // Before ':roundId', so "nazorg" is never read as a round number.
  { path: 'uitstroomtafel/nazorg', element: <FollowupPage /> },
  { path: 'uitstroomtafel/:roundId', element: <RoundPage /> },
];
