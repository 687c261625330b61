import type { KithModule } from '../platform/context.js';

/** Every module, in start-up order. Add a module here and nowhere else. */
export const modules: KithModule[] = [];
