/**
 * Password strength (issue 12, finding 6): besides the 12-character floor, a password must not be easy to
 * guess — common passwords and words, repeats (`aaaaaaaaaaaa`), sequences, keyboard rows, dates, or the
 * user's own name or email. Estimated with zxcvbn-ts and its common + English dictionaries in a worker thread
 * started on first use and stopped when idle: start-up and requests that set no password do not pay for them,
 * and a slow check (seconds for some long l33t-heavy inputs) cannot stall the event loop. The web app sends
 * the password and shows the server's verdict, so its bundle does not carry them either.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

/** Longest prefix the estimator looks at, and its cap on l33t substitutions: both bound its CPU per check. */
const ESTIMATOR_OPTIONS = { maxLength: 64, l33tMaxSubstitutions: 10 };
/** A check slower than this (a pathological input) stops the worker, and the password counts as guessable. */
export const CHECK_TIMEOUT_MS = 3_000;
/** Extra time the first check may take while the worker loads its dictionaries (0.5 s idle, more under load). */
const LOAD_TIMEOUT_MS = 30_000;
/** The worker, its dictionaries (~65 MB) with it, is stopped after this long without a check. */
const IDLE_MS = 60_000;

/**
 * The worker thread's program (run as source text, CommonJS): it loads zxcvbn-ts and its dictionaries once and
 * answers `{ id, password, inputs }` with `{ id, score, warning }`. Scoring is CPU-bound (a long password with
 * many l33t characters took seconds), so it must not run on the event loop that serves every request.
 */
function estimatorWorker(load: NodeJS.Require): void {
  const { parentPort, workerData } = load('node:worker_threads') as typeof import('node:worker_threads');
  const { paths, options } = workerData as { paths: Record<'core' | 'common' | 'en', string>; options: object };
  const core = load(paths.core) as typeof import('@zxcvbn-ts/core');
  const common = load(paths.common) as typeof import('@zxcvbn-ts/language-common');
  const en = load(paths.en) as typeof import('@zxcvbn-ts/language-en');
  // Warnings come back as their keys (mapped to a Weakness) rather than English sentences.
  const warnings = Object.fromEntries(Object.keys(en.translations.warnings).map((k) => [k, k]));
  const factory = new core.ZxcvbnFactory({
    ...options,
    translations: { ...en.translations, warnings: { ...en.translations.warnings, ...warnings } },
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', (m: { id: number; password: string; inputs: string[] }) => {
    const result = factory.check(m.password, m.inputs);
    parentPort!.postMessage({ id: m.id, score: result.score, warning: result.feedback.warning });
  });
}

const WORKER_SOURCE = `(${String(estimatorWorker)})(require);`;

interface Verdict {
  score: number;
  warning: string | null;
}

let worker: Worker | null = null;
let ready = false;
let idle: NodeJS.Timeout | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (v: Verdict) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

function stopWorker(reason: Error): void {
  const w = worker;
  worker = null;
  ready = false;
  clearTimeout(idle);
  for (const [, p] of waiting) {
    clearTimeout(p.timer);
    p.reject(reason);
  }
  waiting.clear();
  void w?.terminate();
}

function estimator(): Worker {
  if (worker) return worker;
  const here = createRequire(import.meta.url);
  const paths = { core: here.resolve('@zxcvbn-ts/core'), common: here.resolve('@zxcvbn-ts/language-common'), en: here.resolve('@zxcvbn-ts/language-en') };
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { paths, options: ESTIMATOR_OPTIONS }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  w.on('message', (m: (Verdict & { id: number }) | { ready: true }) => {
    if ('ready' in m) {
      ready = true;
      return;
    }
    const p = waiting.get(m.id);
    if (!p) return;
    waiting.delete(m.id);
    clearTimeout(p.timer);
    p.resolve({ score: m.score, warning: m.warning });
  });
  w.on('error', (err: unknown) => stopWorker(err instanceof Error ? err : new Error(String(err))));
  w.on('exit', () => {
    if (worker === w) stopWorker(new Error('the password estimator stopped'));
  });
  // Never keeps the process alive. After the listeners: adding a 'message' listener refs the worker's port again,
  // which kept `kith demo` (and any CLI command that sets a password) running for the minute until the idle stop.
  w.unref();
  worker = w;
  return w;
}

/** Scores a password in the worker; a check past CHECK_TIMEOUT_MS stops the worker and scores 0. */
function score(password: string, inputs: string[]): Promise<Verdict> {
  const w = estimator();
  clearTimeout(idle);
  const id = nextId++;
  return new Promise<Verdict>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      resolve({ score: 0, warning: null });
      stopWorker(new Error('the password estimator was stopped'));
    }, CHECK_TIMEOUT_MS + (ready ? 0 : LOAD_TIMEOUT_MS));
    waiting.set(id, { resolve, reject, timer });
    w.postMessage({ id, password, inputs });
  }).finally(() => {
    if (worker && waiting.size === 0) {
      idle = setTimeout(() => stopWorker(new Error('idle')), IDLE_MS);
      idle.unref();
    }
  });
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
  const { score: points, warning } = await score(password, inputs);
  if (points >= MIN_SCORE) return null;
  return verdict((warning && REASON_OF[warning]) || 'guessable');
}

/** Throws a 400 naming `path` (e.g. `password`, `newPassword`) with the reason when the password is too weak. */
export async function assertStrongPassword(path: string, password: string, userInputs: string[]): Promise<void> {
  const weak = await passwordWeakness(password, userInputs);
  if (weak) throw invalid(path, weak.message);
}
