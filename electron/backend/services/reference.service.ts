// API handlers of the reference feature. Node only.
import type { referenceMethods } from '../../../shared/api/reference.contract';
import type { HandlersFor } from '../api/dispatcher';

export const referenceHandlers: HandlersFor<typeof referenceMethods> = {};
