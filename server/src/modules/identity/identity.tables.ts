/** Row types identity adds (migrations in identity.migrations.ts); its older tables are the platform's. */

/**
 * One sign-in throttle counter (login_throttle): per account and IP `ai:<email>|<ip>`, per IP `ip:<ip>`,
 * per account `ac:<email>`. Times are epoch milliseconds. See throttle.repository.ts for the one statement
 * that counts and checks.
 */
export interface LoginThrottleTable {
  key: string;
  /** Attempts counted since the counter last went idle for a whole window (successes are taken back). */
  count: number;
  /** The delay imposed after the last attempt (0 while within the free attempts); doubles up to a cap. */
  delay_ms: number;
  /** No attempt is counted before this time. */
  next_at: number;
  /** When the last attempt was counted. */
  last_at: number;
}

/** A browser where the user signed in successfully: the `kith_device` cookie's SHA-256 and the user. */
export interface KnownDevicesTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    login_throttle: LoginThrottleTable;
    known_devices: KnownDevicesTable;
  }
}

declare module '../../platform/db/platform.tables.js' {
  interface UsersTable {
    /** The last TOTP time step (30 s counter) accepted for this user: a code of that step or earlier is refused. */
    totp_last_step: number | null;
  }
}
