// Temporary: handlers of methods whose feature is being built in this change. Each throws until its
// module replaces it; removed before the change lands. Node only.
import { AppError } from '../../../shared/api/result';

const notYet = (method: string) => async (): Promise<never> => {
  throw new AppError('INTERNAL', `${method} is nog niet beschikbaar.`);
};

export const pendingHandlers = {
};
