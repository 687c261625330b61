/**
 * Password strength (issue 12, finding 6): besides the 12-character floor, a password must not be easy to
 * guess — common passwords and words, repeats (`aaaaaaaaaaaa`), sequences, keyboard rows, dates, or the
 * user's own name or email. Estimated with zxcvbn-ts and its common + English dictionaries, which are loaded
 * on first use (about 0.4 s, a few MB), so start-up and requests that set no password do not pay for them;
 * the web app sends the password and shows the server's verdict, so its bundle does not carry them either.
 */
import { invalid } from '../http/errors.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

/** Why a password is refused; the web app translates each (web/src/modules/identity/validation.ts). */
export const weaknesses = ['short', 'repeat', 'sequence', 'keyboard', 'common', 'date', 'word', 'personal', 'guessable'] as const;
export type Weakness = (typeof weaknesses)[number];

/** zxcvbn's score (0-4) a password needs: 3 = "safely unguessable", over 10^8 guesses. */
export const MIN_SCORE = 3;

const REASON_OF: Record<string, Weakness> = {
  straightRow: 'keyboard', keyPattern: 'keyboard', simpleRepeat: 'repeat', extendedRepeat: 'repeat', sequences: 'sequence',
  recentYears: 'date', dates: 'date', topTen: 'common', topHundred: 'common', common: 'common', similarToCommon: 'common',
  pwned: 'common', wordByItself: 'word', namesByThemselves: 'word', commonNames: 'word', userInputs: 'personal',
};

const EXPLANATION: Record<Weakness, string> = {
  short: `shorter than ${MIN_PASSWORD_LENGTH} characters`,
  repeat: 'repeated characters or patterns are easy to guess',
  sequence: 'sequences like "abc" or "1234" are easy to guess',
  keyboard: 'rows and patterns of keys are easy to guess',
  common: 'this is, or is close to, a commonly used password',
  date: 'dates and years are easy to guess',
  word: 'single words and names are easy to guess',
  personal: 'it contains your name or email',
  guessable: 'it is too predictable; add a few less common words',
};

type Check = (password: string, userInputs: string[]) => { score: number; warning: string | null };
let estimator: Promise<Check> | undefined;

async function load(): Promise<Check> {
  const [core, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
  // Warnings come back as their keys (mapped to a Weakness above) rather than English sentences.
  const warnings = Object.fromEntries(Object.keys(en.translations.warnings).map((k) => [k, k]));
  const factory = new core.ZxcvbnFactory({
    translations: { ...en.translations, warnings: { ...en.translations.warnings, ...warnings } },
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return (password, userInputs) => {
    const result = factory.check(password, userInputs);
    return { score: result.score, warning: result.feedback.warning };
  };
}

/**
 * Why `password` is too weak, or null when it is acceptable. `userInputs` are the user's own words (name,
 * email) that must not carry the password.
 * Example: `await passwordWeakness('password1234')` → `{ reason: 'common', message: 'too easy to guess (common): …' }`.
 */
export async function passwordWeakness(password: string, userInputs: string[] = []): Promise<{ reason: Weakness; message: string } | null> {
  const verdict = (reason: Weakness) => ({ reason, message: reason === 'short' ? EXPLANATION.short : `too easy to guess (${reason}): ${EXPLANATION[reason]}` });
  if (password.length < MIN_PASSWORD_LENGTH) return verdict('short');
  // Each input whole, without its spaces, and by part, also without diacritics: "Trần Văn An" also guards
  // "tranvanan" and "tran".
  const plain = (v: string) => v.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const inputs = [...new Set(userInputs.flatMap((v) => [v, plain(v)]))]
    .flatMap((v) => [v, v.replace(/\s+/g, ''), ...v.toLowerCase().split(/[@.\s_+-]+/)])
    .filter((v) => v.length >= 3);
  // A failed load is retried by the next call rather than kept.
  estimator ??= load().catch((err: unknown) => {
    estimator = undefined;
    throw err;
  });
  const { score, warning } = (await estimator)(password, inputs);
  if (score >= MIN_SCORE) return null;
  return verdict((warning && REASON_OF[warning]) || 'guessable');
}

/** Throws a 400 naming `path` (e.g. `password`, `newPassword`) with the reason when the password is too weak. */
export async function assertStrongPassword(path: string, password: string, userInputs: string[]): Promise<void> {
  const weak = await passwordWeakness(password, userInputs);
  if (weak) throw invalid(path, weak.message);
}
