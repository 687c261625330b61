/**
 * The user guide served in the app: task-oriented pages written in Markdown under docs/guide/<lang>/, rendered and
 * sanitised by the server. All routes live under /api/v1 and need a signed-in user.
 */
import { z } from 'zod';
import { localeSchema } from './common.js';

/** A page's name in URLs: its file name without the order prefix and `.md` (`10-getting-started.md` → `getting-started`). */
export const guideSlug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens').max(80);
/** A screenshot's file name under docs/guide/img. */
export const guideImageName = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.png$/, 'lowercase words joined by hyphens, .png').max(90);

/** GET /help/guide?lang=vi */
export const guideListQuery = z.object({ lang: localeSchema.default('en').describe('Language of the pages (en, vi)') });

export const guidePageSummary = z.object({
  slug: guideSlug,
  /** The page's first heading: the task it teaches, e.g. "Import your contacts from Google". */
  title: z.string(),
  /** Its first paragraph, as plain text. */
  summary: z.string(),
});
export type GuidePageSummary = z.infer<typeof guidePageSummary>;

export const guideList = z.object({ lang: localeSchema, pages: z.array(guidePageSummary) });
export type GuideList = z.infer<typeof guideList>;

/** GET /help/guide/{lang}/{slug} */
export const guidePageParams = z.object({ lang: localeSchema, slug: guideSlug });

export const guidePage = guidePageSummary.extend({
  lang: localeSchema,
  /**
   * Sanitised HTML of the page without its title. Links to other pages point at `/help/<slug>`, images at
   * `/api/v1/help/img/<name>.png`.
   */
  html: z.string(),
});
export type GuidePage = z.infer<typeof guidePage>;

/** GET /help/img/{name} */
export const guideImageParams = z.object({ name: guideImageName });
