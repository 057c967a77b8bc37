// API handlers of the register feature. Node only.
import type { registerMethods } from '../../../shared/api/register.contract';
import type { HandlersFor } from '../api/dispatcher';

export const registerHandlers: HandlersFor<typeof registerMethods> = {};
