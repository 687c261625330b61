import { it } from 'vitest';
import { findPostgresBin, startCluster } from '/work/main/server/src/platform/testing/postgres-cluster.js';
it('t', async () => { let t=Date.now(); const c = await startCluster(findPostgresBin()!); console.log('start', Date.now()-t); t=Date.now(); c.stop(); console.log('stop', Date.now()-t); }, 60000);
