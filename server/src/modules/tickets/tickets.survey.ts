/**
 * Satisfaction survey: when a ticket becomes solved (a `record.updated` event whose status became solved), job
 * `tickets.survey` emails the requester a one-click 1–5 link (`<base>/survey/<token>?score=n`, valid SURVEY_DAYS days)
 * through `ctx.services.mail`, in the ticket's language. Only the token's SHA-256 is stored (`ticket_surveys`), one row
 * per ticket: a ticket solved again gets a new token on the same row. The send is claimed by a conditional UPDATE
 * (`sent_at`), so two workers never both send it; a refused send gives the claim back and the job retries.
 * The answer (public, no sign-in) lands on the survey row and on the ticket (`satisfaction`, `satisfaction_comment`);
 * a second answer replaces the first. Unknown token → 404, expired → 410.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AgentStats, Survey, SurveyAnswerInput } from '../../../../contracts/tickets.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { workspaceSettings } from '../workspace/index.js';
import { surveyRepository as repo } from './tickets.survey.repository.js';

export const SURVEY_JOB = 'tickets.survey';
export const SURVEY_DAYS = 30;

export const hashSurveyToken = (token: string) => createHash('sha256').update(token).digest('hex');

const words = {
  en: {
    subject: (n: string, s: string) => `How did we do? ${n} ${s}`,
    hello: (name: string) => `Hello ${name},`,
    intro: (n: string) => `Your request ${n} has been solved. How satisfied are you with our help? One click is enough:`,
    scores: ['1 – Very unsatisfied', '2 – Unsatisfied', '3 – Neutral', '4 – Satisfied', '5 – Very satisfied'],
    outro: `The link works for ${SURVEY_DAYS} days. Thank you!`,
  },
  vi: {
    subject: (n: string, s: string) => `Bạn có hài lòng không? ${n} ${s}`,
    hello: (name: string) => `Xin chào ${name},`,
    intro: (n: string) => `Yêu cầu ${n} của bạn đã được giải quyết. Bạn hài lòng với sự hỗ trợ của chúng tôi đến mức nào? Chỉ cần một cú nhấp:`,
    scores: ['1 – Rất không hài lòng', '2 – Không hài lòng', '3 – Bình thường', '4 – Hài lòng', '5 – Rất hài lòng'],
    outro: `Liên kết có hiệu lực trong ${SURVEY_DAYS} ngày. Xin cảm ơn!`,
  },
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Registers the survey job and the listener that queues it when a ticket becomes solved (a module's `start`). */
export function startTicketSurvey(ctx: AppContext): void {
  ctx.services.jobs.register<{ ticketId: string; solvedAt: string }>(SURVEY_JOB, (p) => sendSurvey(ctx, p.ticketId, p.solvedAt));
  ctx.services.events.on('record.updated', async (event, trx) => {
    if (event.entity !== 'tickets' || !event.entityId) return;
    const changes = (event.data as { changes?: Record<string, { new?: unknown }> } | null)?.changes;
    if (changes?.status?.new !== 'solved') return;
    const solvedAt = typeof changes.solved_at?.new === 'string' ? changes.solved_at.new : event.createdAt;
    await enqueue(trx, SURVEY_JOB, { ticketId: event.entityId, solvedAt }, { uniqueKey: `ticket-survey:${event.entityId}:${solvedAt}`, maxAttempts: 8 });
  });
}

/** Sends a solved ticket's survey once; 'skipped' without SMTP, requester email, or when the ticket was reopened. */
export async function sendSurvey(ctx: AppContext, ticketId: string, solvedAt: string): Promise<'sent' | 'skipped'> {
  const db = ctx.database.db;
  const t = await repo.ticket(db, ticketId);
  if (!t || t.deleted_at || !['solved', 'closed'].includes(t.status) || !t.email || !ctx.services.mail.configured()) return 'skipped';
  const now = nowIso();
  const language = t.language === 'vi' ? 'vi' : 'en';
  const token = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + SURVEY_DAYS * 86_400_000).toISOString();
  await repo.ensure(db, {
    id: newId(), ticket_id: t.id, token_hash: hashSurveyToken(randomBytes(24).toString('base64url')), requester: t.requester, agent: t.agent, language,
    score: null, comment: null, sent_at: null, answered_at: null, expires_at: expires, created_at: now, updated_at: now,
  });
  const won = await repo.claimSend(db, t.id, solvedAt, { token_hash: hashSurveyToken(token), sent_at: now, expires_at: expires, agent: t.agent, language, requester: t.requester, updated_at: now });
  if (!won) return 'skipped';
  const w = words[language];
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const links = w.scores.map((label, i) => ({ label, url: `${base}/survey/${token}?score=${i + 1}` }));
  const name = t.contact_name || t.email;
  const ws = await workspaceSettings(db);
  try {
    await ctx.services.mail.send({
      to: t.email, subject: w.subject(t.number, t.subject), fromName: ws.companyName || undefined,
      text: [w.hello(name), '', w.intro(t.number), '', ...links.map((l) => `${l.label}: ${l.url}`), '', w.outro].join('\n'),
      html: `<p>${escapeHtml(w.hello(name))}</p><p>${escapeHtml(w.intro(t.number))}</p><p>${links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join('<br>')}</p><p>${escapeHtml(w.outro)}</p>`,
    });
  } catch (err) {
    await repo.release(db, t.id, now);
    throw err;
  }
  return 'sent';
}

/** The survey behind a token: 404 when unknown, 410 when expired. */
async function surveyOf(ex: Executor, token: string) {
  const s = await repo.byHash(ex, hashSurveyToken(token));
  if (!s) throw notFound('survey');
  if (s.expires_at <= nowIso()) throw new AppError('gone', 'This survey link has expired');
  const t = await repo.ticket(ex, s.ticket_id);
  if (!t || t.deleted_at) throw notFound('survey');
  return { s, t };
}

async function present(ex: Executor, token: string): Promise<Survey> {
  const { s, t } = await surveyOf(ex, token);
  return {
    number: t.number, subject: t.subject, language: s.language === 'vi' ? 'vi' : 'en', companyName: (await workspaceSettings(ex)).companyName,
    score: s.score == null ? null : Number(s.score), comment: s.comment, answeredAt: s.answered_at, expiresAt: s.expires_at,
  };
}

export const surveyService = {
  get: (database: Database, token: string) => present(database.db, token),

  /** Records (or replaces) the answer on the survey and on the ticket, in one transaction. */
  async answer(database: Database, token: string, input: SurveyAnswerInput): Promise<Survey> {
    return database.db.transaction().execute(async (trx) => {
      const { s } = await surveyOf(trx, token);
      const comment = input.comment?.trim() || null;
      await repo.answer(trx, s.id, input.score, comment, nowIso());
      await repo.setTicketScore(trx, s.ticket_id, input.score, comment);
      return present(trx, token);
    });
  },

  /** Solved count, median first response (minutes) and average satisfaction per agent, over what the reader may see. */
  async agentStats(db: Executor, p: Principal, from?: string, to?: string): Promise<AgentStats[]> {
    const by = new Map<string, { name: string; solved: number; firsts: number[]; scores: number[] }>();
    for (const r of await repo.statsRows(db, p, from, to)) {
      let a = by.get(r.agent);
      if (!a) by.set(r.agent, (a = { name: r.name, solved: 0, firsts: [], scores: [] }));
      if (r.status === 'solved' || r.status === 'closed') a.solved++;
      if (r.first_responded_at) a.firsts.push((Date.parse(r.first_responded_at) - Date.parse(r.created_at)) / 60_000);
      if (r.satisfaction != null) a.scores.push(Number(r.satisfaction));
    }
    return [...by.entries()].map(([agentId, a]) => ({
      agentId, name: a.name, solved: a.solved, medianFirstResponseMinutes: median(a.firsts),
      satisfactionAverage: a.scores.length ? Math.round((a.scores.reduce((x, y) => x + y, 0) / a.scores.length) * 100) / 100 : null,
      satisfactionCount: a.scores.length,
    })).sort((x, y) => x.name.localeCompare(y.name) || x.agentId.localeCompare(y.agentId));
  },
};

/** The median of a list (mean of the two middle values for an even count), rounded to 0.1; null when empty. */
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  return Math.round(v * 10) / 10;
}
