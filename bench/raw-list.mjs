// The physical limit for the contacts list: a bare Fastify route running the same SQL the API runs for
// `GET /api/v1/contacts?limit=50` with an "all"-scope role, returning the rows as they come — no auth,
// no validation, no presenter. The statements below are the Kysely-compiled text and parameters, copied
// from a query log of that request (2026-11-24): custom field definitions, the page, the capped total.
// The auth queries (key, user, role, teams) are left out on purpose: they are part of what is measured.
import Fastify from 'fastify';
import Database from 'better-sqlite3';

const db = new Database(process.env.DB_FILE, { readonly: true });
db.pragma('journal_mode = WAL');
const defs = db.prepare(`select * from "custom_fields" where "entity" = ? order by "entity", "position", "key"`);
const page = db.prepare(`select "contacts".*, "owner_u"."name" as "owner_name", "company_c"."name" as "company_name", "contacts"."updated_at" as "sk0" from "contacts" left join "users" as "owner_u" on "owner_u"."id" = "contacts"."owner_id" left join "companies" as "company_c" on "company_c"."id" = "contacts"."company_id" where "contacts"."deleted_at" is null and 1 = 1 order by "contacts"."updated_at" desc, "contacts"."id" desc limit ?`);
const count = db.prepare(`select count(*) as "n" from (select 1 as "one" from "contacts" where "contacts"."deleted_at" is null and 1 = 1 limit ?) as "t"`);
const app = Fastify({ logger: false });
app.get('/raw', async () => {
  defs.all('contact');
  const rows = page.all(51);
  const { n } = count.get(10001);
  return { data: rows.slice(0, 50), nextCursor: rows.length > 50 ? 'x' : null, total: Math.min(n, 10000) };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
