import { v7 } from 'uuid';

/** New record id: UUIDv7, so ids sort by creation time (keyset pagination, index locality). */
export function newId(): string {
  return v7();
}

/** Current time as the ISO 8601 UTC text every table stores. */
export function nowIso(): string {
  return new Date().toISOString();
}
