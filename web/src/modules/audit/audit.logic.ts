/** Pure helpers of the audit screen. */

/** Parses a stored before/after value (object, JSON text or null) into an object or null. */
export function asObject(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    try {
      return asObject(JSON.parse(v));
    } catch {
      return { value: v };
    }
  }
  return typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}

/** Top-level keys whose values differ between before and after (added, removed or changed), sorted. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const b = asObject(before) ?? {};
  const a = asObject(after) ?? {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

/** A "YYYY-MM-DD" day as the ISO instant where it starts (from) or ends (to) in the browser's zone. */
export function dayBoundary(day: string | null, edge: 'start' | 'end'): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day.slice(0, 10)}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The audit page's filters, as kept in the URL (`?actor=…&action=…&entity=…&from=YYYY-MM-DD&to=YYYY-MM-DD`). */
export interface AuditFilters {
  actor: string | null;
  action: string | null;
  entity: string | null;
  from: string | null;
  to: string | null;
}

const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

export function filtersFromParams(p: URLSearchParams): AuditFilters {
  return { actor: p.get('actor') || null, action: p.get('action') || null, entity: p.get('entity') || null, from: day(p.get('from')), to: day(p.get('to')) };
}

/** Filters → URL parameters, leaving out the empty ones (so a shared link is short). */
export function paramsFromFilters(f: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v) out[k] = v;
  return out;
}

/** Filters → GET /audit query (the period covers whole local days; one day picked means that day). */
export function auditQuery(f: AuditFilters): Record<string, string | number | undefined> {
  return {
    limit: 50,
    actorId: f.actor ?? undefined,
    action: f.action ?? undefined,
    entity: f.entity ?? undefined,
    from: dayBoundary(f.from, 'start'),
    to: dayBoundary(f.to ?? f.from, 'end'),
  };
}
