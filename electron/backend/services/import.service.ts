// API handlers of the import feature. Node only.
import type { importMethods } from '../../../shared/api/import.contract';
import type { HandlersFor } from '../api/dispatcher';

export const importHandlers: HandlersFor<typeof importMethods> = {};
