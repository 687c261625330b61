/**
 * How alike two contacts (or two companies) are, as a probability-like score 0..1 (pure).
 *
 * Evidence adds up in log-odds (Fellegi–Sunter style): a shared email or phone counts for much, names are compared
 * family name against family name and given name against given name (either field order, diacritics folded), and a
 * name that disagrees counts against. Examples (score rounded):
 *   "Minh Lê" vs "Minh Lý", same company        → 0.002 (different family names)
 *   "Nguyễn Văn An" vs "Nguyen Van An", same phone → 0.993 (diacritics dropped, same phone)
 *   "Nguyễn Văn An" vs "Nguyễn Văn Anh", same company → 0.001 (An and Anh are different names)
 * Figures on a labelled set: fixtures/labelled-pairs.json, scoring.quality.test.ts, bench/README.md.
 */
import { isVietnameseNameWord, nameStyle } from '../../../../contracts/person-names.js';

/** Bump when weights or rules change: start() then queues one full rescan per version (duplicates.jobs.ts). */
export const SCORING_VERSION = 2;
/** Pairs scoring at least this are stored and listed as candidates. */
export const CANDIDATE_THRESHOLD = 0.5;
/** Pairs scoring at least this are shown as confident matches. */
export const CONFIDENT_THRESHOLD = 0.9;

export type ContactReason = 'email' | 'phone' | 'name' | 'name_company';
export type CompanyReason = 'domain' | 'company_name' | 'phone';

/** How two names agree, best first. */
export type NameLevel = 'exact' | 'folded' | 'typo' | 'partial' | 'weak' | 'missing' | 'differ' | 'conflict' | 'given_differs' | 'family_differs';
const RANK: NameLevel[] = ['exact', 'folded', 'typo', 'partial', 'weak', 'missing', 'differ', 'conflict', 'given_differs', 'family_differs'];
const worst = (...ls: NameLevel[]): NameLevel => ls.reduce((w, l) => (RANK.indexOf(l) > RANK.indexOf(w) ? l : w), 'exact');
const best = (...ls: NameLevel[]): NameLevel => ls.reduce((b, l) => (RANK.indexOf(l) < RANK.indexOf(b) ? l : b), 'family_differs');

/** Log-odds each name level adds. A dropped diacritic is nearly as good as exact; a wrong family name rules out. */
const NAME_WEIGHT: Record<NameLevel, number> = {
  exact: 4, folded: 3.5, typo: 2.3, partial: 1.8, weak: 0.5, missing: 0, differ: -3, conflict: -3, given_differs: -4, family_differs: -5,
};
const PRIOR = -3;
/**
 * Both records have emails (or phones) and none in common. Someone entered twice usually shares at least one contact
 * detail or lacks it on one record, so two different sets of details count against.
 */
const DISJOINT = 1.5;

/** Lowercase without diacritics, đ→d: fold('Đặng') → 'dang'. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
const hasMarks = (t: string) => t !== fold(t);

/** Words of a name part, lowercase NFC, punctuation dropped ("O'Brien" → 'obrien', "J." → 'j'). */
export function nameTokens(s: string | null | undefined): string[] {
  if (!s) return [];
  return s.normalize('NFC').toLowerCase().replace(/['’.]/g, '').split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
}

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * One word against another: same letters; same without diacritics — a conflict when both carry different marks
 * ("Lân" vs "Lận") or when the bare one's name has marks elsewhere (its typist wrote Vietnamese, so "Nguyễn Văn Lan"
 * means Lan, not Lân), else the same name typed without them; a typo (one edit in a word of 4+ letters, two in 8+)
 * unless both are known Vietnamese name words (Phan/Phạm, Lương/Dương are different families); else different.
 * Short syllables (Lê/Lý, An/Anh) never count as typos of each other.
 * `xMarked`/`yMarked`: whether each word's whole name carries diacritics.
 */
export function compareToken(x: string, y: string, xMarked = hasMarks(x), yMarked = hasMarks(y)): 'exact' | 'folded' | 'conflict' | 'typo' | 'differ' {
  if (x === y) return 'exact';
  const fx = fold(x);
  const fy = fold(y);
  if (fx === fy) return (hasMarks(x) || xMarked) && (hasMarks(y) || yMarked) ? 'conflict' : 'folded';
  if (isVietnameseNameWord(fx) && isVietnameseNameWord(fy)) return 'differ';
  const n = Math.min(fx.length, fy.length);
  const allowed = n >= 8 ? 2 : n >= 4 ? 1 : 0;
  return allowed > 0 && editDistance(fx, fy) <= allowed ? 'typo' : 'differ';
}

/** Whether each side's whole name carries diacritics (see compareToken). */
type Marks = [boolean, boolean];

function compareSeq(x: string[], y: string[], m: Marks): NameLevel {
  if (!x.length || !y.length) return 'missing';
  if (x.length !== y.length) return 'differ';
  return worst(...x.map((t, i) => compareToken(t, y[i]!, ...m)));
}

/** Common English short forms (both directions). */
const NICKNAMES: [string, string][] = [
  ['bob', 'robert'], ['rob', 'robert'], ['bill', 'william'], ['will', 'william'], ['liz', 'elizabeth'], ['beth', 'elizabeth'],
  ['kate', 'katherine'], ['kathy', 'katherine'], ['mike', 'michael'], ['tom', 'thomas'], ['jim', 'james'], ['jimmy', 'james'],
  ['dave', 'david'], ['dan', 'daniel'], ['danny', 'daniel'], ['chris', 'christopher'], ['alex', 'alexander'], ['sam', 'samuel'],
  ['ben', 'benjamin'], ['nick', 'nicholas'], ['tony', 'anthony'], ['joe', 'joseph'], ['matt', 'matthew'], ['steve', 'steven'],
  ['andy', 'andrew'], ['jen', 'jennifer'], ['jenny', 'jennifer'], ['harry', 'henry'], ['peggy', 'margaret'], ['meg', 'margaret'],
  ['ed', 'edward'], ['ted', 'edward'], ['sue', 'susan'], ['em', 'emily'], ['abby', 'abigail'], ['charlie', 'charles'],
];
const nick = new Set(NICKNAMES.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));

/**
 * Given names that are probably the same person's: one drops a middle name but keeps the personal name (Vietnamese:
 * the last word, "Văn An" ~ "An"; Western: the first, "John Paul" ~ "John"), an initial ("J" ~ "John"), a nickname.
 */
function givenPartial(ga: string[], gb: string[], vietnamese: boolean, m: Marks): boolean {
  const [short, long, ms, ml] = ga.length <= gb.length ? [ga, gb, m[0], m[1]] : [gb, ga, m[1], m[0]];
  if (!short.length) return false;
  const key = (g: string[]) => (vietnamese ? g[g.length - 1] : g[0]) ?? '';
  const ok = (t: NameLevel) => t === 'exact' || t === 'folded' || t === 'typo';
  if (short.length < long.length && ok(compareToken(key(short), key(long), ms, ml)) && short.every((t) => long.some((u) => ok(compareToken(t, u, ms, ml))))) return true;
  const [fa, fb] = [fold(ga[0]!), fold(gb[0]!)];
  if ((fa.length === 1 && fb.startsWith(fa)) || (fb.length === 1 && fa.startsWith(fb))) return true;
  return nick.has(`${fa}|${fb}`);
}

function structured(fa: string[], ga: string[], fb: string[], gb: string[], vietnamese: boolean, m: Marks): NameLevel {
  const fam = compareSeq(fa, fb, m);
  if (fam === 'differ') return 'family_differs';
  const giv = compareSeq(ga, gb, m);
  if (giv !== 'differ') return worst(fam, giv);
  return givenPartial(ga, gb, vietnamese, m) ? worst(fam, 'partial') : 'given_differs';
}

/** Both names as bags of words (one side lacks the family/given split, e.g. a full name typed in one field). */
function bag(a: string[], b: string[], m: Marks): NameLevel {
  const [short, long, ms, ml] = a.length <= b.length ? [a, b, m[0], m[1]] : [b, a, m[1], m[0]];
  const free = [...long];
  const levels: NameLevel[] = [];
  for (const t of short) {
    let bestI = -1;
    let bestL: NameLevel = 'differ';
    free.forEach((u, i) => {
      const l = compareToken(t, u, ms, ml);
      if (l !== 'differ' && (bestI < 0 || RANK.indexOf(l) < RANK.indexOf(bestL))) [bestI, bestL] = [i, l];
    });
    if (bestI < 0) return 'differ';
    free.splice(bestI, 1);
    levels.push(bestL);
  }
  const w = worst(...levels);
  if (w === 'conflict') return w;
  if (!free.length) return w;
  return short.length >= 2 ? worst(w, 'partial') : 'weak';
}

export interface PersonName { givenName?: string | null | undefined; familyName?: string | null | undefined }

/**
 * How two people's names agree. Family against family and given against given, also with the fields swapped (one
 * record typed "Nguyễn Văn" as given name); a bag of words when a side has only one part.
 * Example: compareNames({givenName:'Minh', familyName:'Lê'}, {givenName:'Minh', familyName:'Lý'}) → 'family_differs'.
 */
export function compareNames(a: PersonName, b: PersonName): NameLevel {
  const [fa, ga, fb, gb] = [nameTokens(a.familyName), nameTokens(a.givenName), nameTokens(b.familyName), nameTokens(b.givenName)];
  const all = (f: string[], g: string[]) => [...g, ...f];
  if (!all(fa, ga).length || !all(fb, gb).length) return 'missing';
  const m: Marks = [all(fa, ga).some(hasMarks), all(fb, gb).some(hasMarks)];
  if (fa.length && ga.length && fb.length && gb.length) {
    const vietnamese = nameStyle(a) === 'vietnamese' || nameStyle(b) === 'vietnamese';
    const straight = structured(fa, ga, fb, gb, vietnamese, m);
    const swapped = structured(fa, ga, gb, fb, vietnamese, m);
    const whole = bag(all(fa, ga), all(fb, gb), m);
    // A bag match only helps when the words are all there (fields split differently: "Văn An"/"Nguyễn" vs "An"/"Nguyễn Văn").
    return best(straight, swapped, whole === 'exact' || whole === 'folded' ? whole : straight);
  }
  return bag(all(fa, ga), all(fb, gb), m);
}

export interface ContactFacts extends PersonName {
  /** Normalised emails. */
  emails: string[];
  /** E.164 phones. */
  phones: string[];
  companyId: string | null;
}

const shares = (x: string[], y: string[]) => x.some((v) => y.includes(v));
const sigmoid = (x: number) => Math.round((1 / (1 + Math.exp(-x))) * 1000) / 1000;
const NAME_AGREES: NameLevel[] = ['exact', 'folded', 'typo', 'partial'];

/**
 * Score of two contacts and the reasons shown beside it.
 * Example: scoreContacts({givenName:'Văn An', familyName:'Nguyễn', phones:['+84903123456'], …},
 *                        {givenName:'Van An', familyName:'Nguyen', phones:['+84903123456'], …}) → { score: 0.993, reasons: ['phone','name'] }.
 */
export function scoreContacts(a: ContactFacts, b: ContactFacts): { score: number; reasons: ContactReason[]; name: NameLevel } {
  const name = compareNames(a, b);
  const reasons: ContactReason[] = [];
  let x = PRIOR + NAME_WEIGHT[name];
  if (shares(a.emails, b.emails)) {
    x += 5.5;
    reasons.push('email');
  } else if (a.emails.length && b.emails.length) x -= DISJOINT;
  if (shares(a.phones, b.phones)) {
    x += 4.5;
    reasons.push('phone');
  } else if (a.phones.length && b.phones.length) x -= DISJOINT;
  const sameCompany = a.companyId !== null && a.companyId === b.companyId;
  if (sameCompany) x += 1.5;
  else if (a.companyId && b.companyId) x -= 1;
  if (NAME_AGREES.includes(name)) reasons.push(sameCompany ? 'name_company' : 'name');
  return { score: sigmoid(x), reasons, name };
}

// ───────────────────────── companies ─────────────────────────

/** Legal forms and country words that say nothing about which company it is (folded). */
const LEGAL = [
  'cong ty co phan', 'cong ty tnhh', 'cong ty', 'tnhh mtv', 'mot thanh vien', 'tnhh', 'co phan', 'tap doan', 'jsc', 'co ltd',
  'ltd', 'llc', 'inc', 'corp', 'corporation', 'company', 'limited', 'plc', 'gmbh', 'pte', 'mtv', 'cp', 'viet nam', 'vietnam', 'the',
];
const LEGAL_RE = new RegExp(`\\b(?:${LEGAL.join('|')})\\b`, 'g');

/** A company name without legal form: companyNameCore('Công ty TNHH Acme Việt Nam') → 'acme'. */
export function companyNameCore(name: string): string {
  return fold(name).replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').replace(LEGAL_RE, ' ').replace(/\s+/g, ' ').trim();
}

/** A web domain as people type it, reduced to the host: 'https://www.Acme.vn/about' → 'acme.vn'. */
export function normaliseDomain(d: string | null | undefined): string | null {
  if (!d) return null;
  const host = d.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').split(/[/?#:]/)[0] ?? '';
  return host.includes('.') ? host : null;
}

export interface CompanyFacts { name: string; domain: string | null; phones: string[] }

/** The values a company is looked up by (table duplicate_keys): its domain, its name's core, its phones. */
export function companyKeys(c: CompanyFacts): { kind: 'domain' | 'name' | 'phone'; value: string }[] {
  const out: { kind: 'domain' | 'name' | 'phone'; value: string }[] = [];
  const domain = normaliseDomain(c.domain);
  if (domain) out.push({ kind: 'domain', value: domain });
  const core = companyNameCore(c.name);
  if (core) out.push({ kind: 'name', value: core });
  for (const p of new Set(c.phones)) out.push({ kind: 'phone', value: p });
  return out;
}

/** Score of two companies: same domain, same name apart from legal form (or a typo of it), same phone. */
export function scoreCompanies(a: CompanyFacts, b: CompanyFacts): { score: number; reasons: CompanyReason[] } {
  const reasons: CompanyReason[] = [];
  let x = PRIOR;
  const [ca, cb] = [companyNameCore(a.name), companyNameCore(b.name)];
  if (ca && ca === cb) {
    x += 3.5;
    reasons.push('company_name');
  } else if (ca && cb && Math.min(ca.length, cb.length) >= 6 && editDistance(ca, cb) <= 1) {
    x += 2;
    reasons.push('company_name');
  } else x -= 2.5;
  const [da, db] = [normaliseDomain(a.domain), normaliseDomain(b.domain)];
  if (da && da === db) {
    x += 4.5;
    reasons.push('domain');
  } else if (da && db) x -= 1.5;
  if (shares(a.phones, b.phones)) {
    x += 3.5;
    reasons.push('phone');
  }
  return { score: sigmoid(x), reasons };
}
