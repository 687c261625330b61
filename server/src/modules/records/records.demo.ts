/** `kith demo`: one sample custom object, Vehicles (a select, a money field, a relation to contacts), with a dozen records. */
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { definitionOf, fresh, metadata, pipeline } from '../../platform/records/index.js';

const models = ['VinFast VF8', 'Toyota Vios', 'Honda City', 'Mazda CX-5', 'Kia Morning', 'Hyundai Accent', 'Ford Ranger', 'VinFast VF5'];
const statuses = ['new', 'service', 'sold'];

export async function loadRecordsDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if ([...(await fresh(db)).values()].some((d) => d.custom)) return 'custom objects: none added, the database already has some';
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'custom objects: none added, there is no active administrator';
  await metadata.createObject(ctx.database, p, {
    name: 'vehicles', icon: 'car', labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe' } },
    fields: [
      { key: 'name', type: 'text', labels: { en: 'Model', vi: 'Dòng xe' }, required: true, classification: 'public' },
      { key: 'plate', type: 'text', labels: { en: 'Plate', vi: 'Biển số' }, unique: true, classification: 'internal' },
      {
        key: 'status', type: 'select', labels: { en: 'Status', vi: 'Trạng thái' }, default: 'new', classification: 'internal',
        options: [
          { value: 'new', labels: { en: 'New', vi: 'Mới' }, color: 'blue', position: 0 },
          { value: 'service', labels: { en: 'In service', vi: 'Đang bảo dưỡng' }, color: 'orange', position: 1 },
          { value: 'sold', labels: { en: 'Sold', vi: 'Đã bán' }, color: 'green', position: 2 },
        ],
      },
      { key: 'price', type: 'money', labels: { en: 'Price', vi: 'Giá' }, currency: 'VND', classification: 'internal' },
      { key: 'owner_contact', type: 'relation', labels: { en: 'Owner', vi: 'Chủ xe' }, relation: { target: 'contacts' }, classification: 'internal' },
    ],
  } as Parameters<typeof metadata.createObject>[2]);
  const contacts = await db.selectFrom('contacts').select('id').where('deleted_at', 'is', null).orderBy('created_at').limit(12).execute();
  const { def, defs } = await definitionOf(db, 'vehicles');
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 12; i++) {
      await pipeline.create(trx, def, defs, { ...p, isAdmin: true }, {
        values: {
          name: models[i % models.length], plate: `51A-${String(10000 + i * 737).slice(0, 5)}`, status: statuses[i % 3],
          price: { amount: 450_000_000 + i * 65_000_000 }, owner_contact: contacts[i]?.id ?? null,
        },
      });
    }
  });
  return 'custom objects: Vehicles with 12 records (Settings › Objects)';
}
