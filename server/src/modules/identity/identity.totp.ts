/** TOTP (RFC 6238) with the defaults every authenticator app supports: SHA-1, 6 digits, 30 s. */
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'Kith';

function totpFor(secretBase32: string, label = 'user'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** A new random secret with its otpauth:// URL and a QR code of it as a PNG data URL. */
export async function newTotpSecret(email: string): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const otpauthUrl = totpFor(secret, email).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl);
  return { secret, otpauthUrl, qrDataUrl };
}

/**
 * The time step (30-second counter) the code belongs to when it matches now or one step either side (clock
 * drift), else null. A caller must also refuse a step already used: see `consumeTotpStep` (users.repository.ts).
 * Example: a code shown at 12:00:10 for a clock at 12:00:35 → the step of 12:00:00.
 */
export function totpStep(secretBase32: string | null, code: string, now = Date.now()): number | null {
  if (!secretBase32) return null;
  const totp = totpFor(secretBase32);
  const delta = totp.validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}
