/**
 * Reading an uploaded workbook (issue 12, finding 8): the import's XLSX reader (worker thread, limits checked by
 * a yauzl pass first) against the floor of exceljs's streaming reader run in-process as before — wall time for
 * every row, and the worst event-loop delay the server's other requests would have seen meanwhile.
 * Usage: node bench/run.mjs xlsx-read [--rows 100000] [--runs 2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cellText, loadExcel, xlsxRows } from '../server/src/modules/imports/engine/xlsx-reader';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const rows = arg('rows', 100_000);
const runs = arg('runs', 2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-xlsx-'));
const file = path.join(dir, 'contacts.xlsx');

const Excel = await loadExcel();
const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
const ws = wb.addWorksheet('Contacts');
ws.addRow(['Name', 'Email', 'Phone', 'Company', 'City', 'Birthday']).commit();
for (let i = 0; i < rows; i++) {
  ws.addRow([`Nguyễn Văn ${i}`, `p${i}@example.vn`, `+8491${String(i).padStart(7, '0')}`, `Công ty ${i % 500}`, 'Hà Nội', new Date(Date.UTC(1980, 0, 1 + (i % 9000)))]).commit();
}
await wb.commit();

/** The floor: exceljs's streaming reader on the event loop, as the reader was before the worker. */
async function* inProcess(f: string) {
  const reader = new Excel.stream.xlsx.WorkbookReader(f, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache' });
  for await (const sheet of reader) {
    for await (const row of sheet) yield (row.values as unknown[]).slice(1).map(cellText);
    return;
  }
}

async function measure(read: () => AsyncIterable<unknown>) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  let n = 0;
  for await (const _ of read()) n++;
  const ms = performance.now() - t0;
  h.disable();
  return { n, ms, worstLoopMs: h.max / 1e6 };
}

console.log(`xlsx-read: ${rows} rows, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB, load average ${os.loadavg()[0]!.toFixed(1)}`);
for (let r = 0; r < runs; r++) {
  const floor = await measure(() => inProcess(file));
  const kith = await measure(() => xlsxRows(file));
  console.log(
    `run ${r + 1}: floor (in-process exceljs) ${floor.ms.toFixed(0)} ms, worst loop delay ${floor.worstLoopMs.toFixed(0)} ms | ` +
      `reader (worker + limits) ${kith.ms.toFixed(0)} ms = ${(kith.ms / floor.ms).toFixed(2)} × floor, worst loop delay ${kith.worstLoopMs.toFixed(0)} ms` +
      ` (${floor.n} / ${kith.n + 1} rows)`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
