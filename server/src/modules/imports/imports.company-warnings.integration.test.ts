/**
 * Issue 11 for companies: a company row fails only when it has no name. Every other cell that cannot be used
 * (domain, size, phone, country, custom value, owner, a parent naming the company itself or closing a loop) is
 * left out and reported as a warning — in the report, the API, the CSV and on the company's timeline.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { importFile } from './imports.test-helpers.js';

type Warning = { row: number; column: string; value: string; code: string; recordId: string | null };

const FILE = [
  'Company Name,Website,Size,Phone,Country,Parent Company,Owner,Tier',
  'Alpha Co,alpha.vn,12,0903 123 456,Việt Nam,Beta Co,,gold',
  'Beta Co,n/a,x' + 'x'.repeat(40) + ',12345,Atlantis,Alpha Co,Somebody Unknown,',
  'Gamma Co,gamma.vn,,,,GAMMA CO,,',
  ',nameless.vn,,,,,,',
].join('\n');

describeEachDialect('imports: company rows keep the company, bad cells are warnings', (env) => {
  let vi: Record<string, string>;
  beforeAll(async () => {
    const db = env().database.db;
    vi = await signIn(db, await createUser(db, { admin: true, locale: 'vi' }));
    const field = await env().app.inject({
      method: 'POST', url: '/api/v1/custom-fields', headers: vi, payload: { entity: 'company', key: 'tier', type: 'number', label: { en: 'Tier', vi: 'Hạng' } },
    });
    expect(field.statusCode, field.body).toBe(201);
  });

  it('warnings in the report, the API, the CSV and on the company timeline; only the nameless row fails', async () => {
    const e = env();
    const run = await importFile(e, vi, 'cty.csv', Buffer.from(FILE), { entity: 'company', validate: true, mapping: {
      'Company Name': 'name', Website: 'domain', Size: 'size', Phone: 'phone', Country: 'address.country', 'Parent Company': 'parent', Owner: 'owner', Tier: 'custom.tier',
    } });
    expect(run.status).toMatchObject({ status: 'completed', total: 4, created: 3, failed: 1 });
    const warnings: Warning[] = (await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings?limit=100`, headers: vi })).json().data;
    const brief = (ws: Warning[]) => ws.map((w) => [w.row, w.column, w.code]);
    const expected = [
      [2, 'custom.tier', 'invalid_custom_value'],
      [2, 'Parent Company', 'parent_loop'],
      [3, 'Website', 'invalid_domain'], [3, 'Size', 'invalid_company_size'], [3, 'Phone', 'invalid_phone'], [3, 'Country', 'unknown_country'],
      [3, 'Owner', 'owner_not_found'],
      [4, 'Parent Company', 'own_parent'],
    ];
    expect(brief(warnings)).toEqual(expected);
    expect(run.status.warnings).toBe(expected.length);
    // The validation report's preview ran the same batch writer: the loop is found there too.
    expect(run.report.outcome).toMatchObject({ created: 3, failed: 1 });
    expect(brief(run.report.warnings).filter((w: unknown[]) => w[2] !== 'parent_loop')).toEqual(expected.filter((w) => w[2] !== 'parent_loop'));
    const failures = (await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers: vi })).json().data;
    expect(failures.map((f: { row: number; issues: { code: string }[] }) => [f.row, f.issues.map((i) => i.code)])).toEqual([[5, ['company_needs_name']]]);

    const db = e.database.db;
    const rows = await db.selectFrom('companies').selectAll().where('name', 'in', ['Alpha Co', 'Beta Co', 'Gamma Co']).where('deleted_at', 'is', null).execute();
    const by = new Map(rows.map((r) => [r.name, r]));
    const alpha = by.get('Alpha Co')!;
    const beta = by.get('Beta Co')!;
    // Alpha naming Beta and Beta naming Alpha would close a loop: Alpha's link is left out (a warning on row 2),
    // Beta's is kept. Gamma is not its own parent.
    expect(alpha.parent_id).toBeNull();
    expect(beta).toMatchObject({ parent_id: alpha.id, domain: null, size: null, phones: '[]', owner_id: alpha.owner_id });
    expect(by.get('Gamma Co')!.parent_id).toBeNull();
    expect(warnings.filter((w) => w.row === 3).every((w) => w.recordId === beta.id)).toBe(true);

    // On Beta's timeline, in the reader's language, linking to the import.
    const timeline = (await e.app.inject({ method: 'GET', url: `/api/v1/companies/${beta.id}/timeline?types=import_warning`, headers: vi })).json();
    expect(timeline.data).toHaveLength(5);
    expect(timeline.data.map((i: { title: string }) => i.title)).toContain('Không nhập được — Phone: “12345” không phải là số điện thoại hợp lệ');
    expect(timeline.data.every((i: { link: string }) => i.link === `/imports/${run.id}`)).toBe(true);

    const csv = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings.csv?lang=en`, headers: vi });
    expect(csv.statusCode).toBe(200);
    const table = parse(csv.body, { bom: true, strict: true } as never) as string[][];
    expect(table).toHaveLength(expected.length + 1);
    expect(table.find((r) => r[1] === 'Phone')).toEqual(expect.arrayContaining(['3', 'Phone', '12345', 'invalid_phone']));
  });
});
