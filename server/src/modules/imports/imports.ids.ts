/**
 * Record ids for import batches: the same UUIDv7 as platform's newId() (uuid's v7: 48-bit milliseconds, a
 * 31-bit counter seeded randomly each millisecond and incremented within it, so ids of one process sort
 * in creation order), with the random bytes drawn from a pool filled 512 ids at a time.
 *
 * Why: newId() makes one getRandomValues call (a system call) per id, measured at 10–30 µs here, which
 * is 10–30 s of a million-row import. The pool keeps that under a microsecond. (Candidate for
 * platform/ids.ts itself; kept here because this module owns only its own files.)
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_IDS = 512;
const pool = new Uint8Array(16 * POOL_IDS);
let used = POOL_IDS;
const state = { msecs: -Infinity, seq: 0 };

/** A new UUIDv7. Example: newRecordId() → '01a20b6c-435d-766a-b06b-593494f35619'. */
export function newRecordId(): string {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const rnds = pool.subarray(used * 16, ++used * 16);
  const now = Date.now();
  // uuid's updateV7State: a new millisecond reseeds the counter; within one it counts up (and on overflow
  // borrows the next millisecond), so ids stay strictly increasing.
  if (now > state.msecs) {
    state.seq = ((rnds[6]! & 0x7f) << 24) | (rnds[7]! << 16) | (rnds[8]! << 8) | rnds[9]!;
    state.msecs = now;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random: rnds, msecs: state.msecs, seq: state.seq });
}
