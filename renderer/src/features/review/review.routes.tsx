// Route of the liaison review (#/beoordelen). Runs in the renderer.
import type { RouteObject } from 'react-router';
import { ReviewPage } from './review.page';

export const reviewRoutes: RouteObject[] = [{ path: 'beoordelen', element: <ReviewPage /> }];
