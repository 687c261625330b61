import type { ImportRun } from '../../../../contracts/imports.js';
import type { ImportMappingsTable } from './imports.tables.js';
import type { ImportRow } from './imports.repository.js';

/** Stored run → wire shape, with live rate and ETA of the current run. */
export function presentImport(r: ImportRow, now = Date.now()): ImportRun {
  let rowsPerSecond: number | null = null;
  let etaSeconds: number | null = null;
  if (r.run_started_at && (r.status === 'running' || r.finished_at)) {
    const end = r.status === 'running' || !r.finished_at ? now : Date.parse(r.finished_at);
    const secs = Math.max(0.001, (end - Date.parse(r.run_started_at)) / 1000);
    rowsPerSecond = Math.round(((r.processed - r.run_base) / secs) * 10) / 10;
    if (r.status === 'running' && r.total !== null && rowsPerSecond > 0) etaSeconds = Math.ceil(Math.max(0, r.total - r.processed) / rowsPerSecond);
  }
  if (r.status === 'completed') etaSeconds = 0;
  return {
    id: r.id,
    entity: r.entity as ImportRun['entity'],
    status: r.status as ImportRun['status'],
    fileName: r.file_name,
    format: r.format as ImportRun['format'],
    encoding: r.encoding,
    delimiter: r.delimiter,
    preset: r.preset,
    headers: JSON.parse(r.headers) as string[],
    mapping: JSON.parse(r.mapping) as Record<string, string | null>,
    onDuplicate: r.on_duplicate as ImportRun['onDuplicate'],
    matchKeys: JSON.parse(r.match_keys) as ImportRun['matchKeys'],
    total: r.total,
    processed: r.processed,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    failed: r.failed,
    merged: r.merged,
    rowsPerSecond,
    etaSeconds,
    checkpointRow: r.checkpoint_row,
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    revertedAt: r.reverted_at,
  };
}

export function presentMapping(m: ImportMappingsTable) {
  return {
    id: m.id, name: m.name, entity: m.entity as 'contact' | 'company', preset: m.preset,
    mapping: JSON.parse(m.mapping) as Record<string, string | null>, createdBy: m.created_by, createdAt: m.created_at,
  };
}
