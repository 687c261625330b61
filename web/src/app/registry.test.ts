import { describe, expect, it } from 'vitest';
import type { SessionUser } from './session';
import { createRegistry, type RecordCard } from './registry';

const user = { id: 'u1' } as SessionUser;
const load = async () => ({ default: () => null });
const card = (key: string, extra: Partial<RecordCard>): RecordCard => ({ key, order: 10, entities: ['contact', 'company'], load, ...extra });

describe('record cards covering related objects (RecordCard.covers)', () => {
  it('lists each covered object once, for the cards of that page the user sees', () => {
    const registry = createRegistry([
      { key: 'orders', recordCards: [card('purchases', { covers: ['orders', 'invoices', 'payments'] })] },
      { key: 'quotes', recordCards: [card('quotes', { covers: ['quotes', 'orders'], entities: ['company'] })] },
      { key: 'hidden', recordCards: [card('secret', { covers: ['vehicles'], visible: () => false })] },
      { key: 'plain', recordCards: [card('plain', {})] },
    ]);
    expect(registry.coveredObjects(user, 'contact')).toEqual(['orders', 'invoices', 'payments']);
    expect(registry.coveredObjects(user, 'company')).toEqual(['orders', 'invoices', 'payments', 'quotes']);
  });

  it('covers nothing without cards', () => {
    expect(createRegistry([{ key: 'contacts' }]).coveredObjects(user, 'contact')).toEqual([]);
  });

  it('has the purchases card cover what it lists: orders, quotes, invoices, warranties and payments', async () => {
    const { ordersModule } = await import('../modules/orders');
    const registry = createRegistry([ordersModule]);
    for (const entity of ['contact', 'company'] as const) {
      expect([...registry.coveredObjects(user, entity)].sort()).toEqual(['invoices', 'orders', 'payments', 'quotes', 'warranties']);
    }
  });
});

describe('home widgets (WebModule.home)', () => {
  it('load their module\'s strings with their code, and stay the same objects (the home page keeps them by object)', async () => {
    const i18n = (await import('../i18n')).default;
    const registry = createRegistry([{
      key: 'widgetsT',
      translations: [{ key: 'widgetsT', load: async () => ({ en: { title: 'My widget' }, vi: { title: 'Tiện ích của tôi' } }) }],
      home: [{ key: 'w', order: 1, load }],
    }]);
    const [widget] = registry.homeWidgets(user);
    expect(registry.homeWidgets(user)[0]).toBe(widget);
    expect(i18n.exists('widgetsT.title')).toBe(false);
    await widget!.load();
    expect(i18n.getFixedT('en')('widgetsT.title')).toBe('My widget');
  });
});
