/**
 * Module `help`: the user guide (docs/guide/<lang>/*.md and its screenshots) served to signed-in users, rendered to
 * sanitised HTML for the web app's help menu and guide viewer.
 */
import type { KithModule } from '../../platform/context.js';
import { helpRoutes } from './help.routes.js';

export { guideLinks, slugOf, splitPage } from './help.logic.js';
export { guideDir, guideFiles } from './help.service.js';

export const module: KithModule = {
  name: 'help',
  routes: helpRoutes,
};
