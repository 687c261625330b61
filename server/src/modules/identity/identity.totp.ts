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

/** True when the code matches now or one 30-second step either side (clock drift). */
export function verifyTotp(secretBase32: string | null, code: string): boolean {
  if (!secretBase32) return false;
  return totpFor(secretBase32).validate({ token: code, window: 1 }) !== null;
}
