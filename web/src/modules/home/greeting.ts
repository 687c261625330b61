/**
 * The part of the signed-in user's name to greet them by, with the contacts' name logic (contracts/person-names.ts).
 * A user has one `name` string, written in its own order: "Nguyễn Thị Lan" or "Henry Walker".
 *
 * Example: userCallName('Nguyễn Thị Lan') → 'Lan'; userCallName('Henry Walker') → 'Henry'; userCallName('王伟') → '王伟'.
 */
import { callName, nameStyle, type PersonNameParts } from '../../../../contracts/person-names';

/** Splits a one-string name into family and given parts: family-first when read that way it is a non-Western name. */
export function splitFullName(full: string): PersonNameParts {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { givenName: full.trim() };
  const familyFirst = { familyName: words[0], givenName: words.slice(1).join(' ') };
  if (nameStyle(familyFirst) !== 'western') return familyFirst;
  return { givenName: words.slice(0, -1).join(' '), familyName: words[words.length - 1] };
}

export function userCallName(full: string): string {
  return callName(splitFullName(full)) || full.trim();
}
