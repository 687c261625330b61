// Types of scripts/build.mjs for the TypeScript files that import it (tests, bench).
export function buildServer(): Promise<void>;
export function buildWeb(): Promise<void>;
/** Writes `<file>.br` and `<file>.gz` beside every text file under `dir`; returns the files written. */
export function precompress(dir: string): Promise<string[]>;
export function ensureBuilt(opts?: { force?: boolean; quiet?: boolean }): Promise<void>;
export const lazyDefaultImports: unknown;
