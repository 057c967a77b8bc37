// Temporary: handlers of methods whose feature is being built in this change. Each throws until its
// module replaces it; removed before the change lands. Node only.
import { AppError } from '../../../shared/api/result';

const notYet = (method: string) => async (): Promise<never> => {
  throw new AppError('INTERNAL', `${method} is nog niet beschikbaar.`);
};

export const pendingHandlers = {
  'users.list': notYet('users.list'),
  'users.create': notYet('users.create'),
  'users.update': notYet('users.update'),
  'users.resetPassphrase': notYet('users.resetPassphrase'),
  'users.unlock': notYet('users.unlock'),
  'account.changePassphrase': notYet('account.changePassphrase'),
  'privacy.settings': notYet('privacy.settings'),
  'privacy.saveSettings': notYet('privacy.saveSettings'),
  'retention.run': notYet('retention.run'),
  'clients.accessExport': notYet('clients.accessExport'),
  'clients.erase': notYet('clients.erase'),
  'monitor.figures': notYet('monitor.figures'),
};
