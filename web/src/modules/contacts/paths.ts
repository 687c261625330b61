/** Where a contact's or company's pages are. A file of its own: the palette search (in the entry chunk) needs only this. */
import type { Entity } from './logic';

export const entityPath = (e: Entity) => (e === 'contact' ? '/contacts' : '/companies');
export const recordPath = (e: Entity, id: string) => `${entityPath(e)}/${id}`;
