// Handlers of the round methods (prepare, adjust, propose, decide, close) and the follow-up of
// placements. Runs in the backend (Node), behind the dispatcher.
import type { roundsMethods } from '../../../shared/api/rounds.contract';
import { AppError } from '../../../shared/api/result';
import type { HandlersFor } from '../api/dispatcher';

const todo = async (): Promise<never> => {
  throw new AppError('INTERNAL', 'Nog niet beschikbaar.');
};

export const roundsHandlers: HandlersFor<typeof roundsMethods> = {
  'rounds.list': todo,
  'rounds.create': todo,
  'rounds.get': todo,
  'rounds.setMember': todo,
  'rounds.addControl': todo,
  'rounds.liftControl': todo,
  'rounds.propose': todo,
  'rounds.proposal': todo,
  'rounds.compare': todo,
  'rounds.decide': todo,
  'rounds.close': todo,
  'placements.list': todo,
  'placements.update': todo,
  'placements.check': todo,
  'followup.todo': todo,
};
