import { loadConfig } from './platform/config/config.js';
import { runCli } from './cli.js';

/** Entry point of the `kith` program (bin/kith.mjs loads the built copy of this file). */
runCli(process.argv.slice(2), loadConfig()).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
