// The physical limit for the contacts list: a bare Fastify route running the same two SQL statements the
// API runs for `GET /api/v1/contacts?limit=50` (page + capped total), returning the rows as they come —
// no auth, no validation, no presenter.
import Fastify from 'fastify';
import Database from 'better-sqlite3';

const db = new Database(process.env.DB_FILE, { readonly: true });
db.pragma('journal_mode = WAL');
const page = db.prepare(`select contacts.*, owner_u.name as owner_name, company_c.name as company_name, contacts.updated_at as sk0
  from contacts left join users as owner_u on owner_u.id = contacts.owner_id
  left join companies as company_c on company_c.id = contacts.company_id
  where contacts.deleted_at is null order by contacts.updated_at desc, contacts.id desc limit 51`);
const count = db.prepare(`select count(*) as n from (select 1 from contacts where contacts.deleted_at is null limit 10001) as t`);
const app = Fastify({ logger: false });
app.get('/raw', async () => {
  const rows = page.all();
  const { n } = count.get();
  return { data: rows.slice(0, 50), nextCursor: rows.length > 50 ? 'x' : null, total: Math.min(n, 10000) };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
