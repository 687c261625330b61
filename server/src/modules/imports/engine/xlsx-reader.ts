import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import type { SourceRow } from './source.js';

/**
 * exceljs, loaded on first use: it adds about 0.5 s and 30 MB to every process that loads it, and most
 * runs of `kith` (the server, CSV imports and exports) never touch a workbook. (Writing exports uses it
 * in-process; reading uploads happens in a worker thread, below.)
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/**
 * What an uploaded workbook may hold. An .xlsx is a ZIP of XML, so a few hundred KB can unpack to gigabytes
 * (a 300 KB file with one 300 MB cell took the server to 2 GB), and a cell at XFD1048576 makes every row
 * 16,384 columns wide. Each limit is checked before exceljs parses anything, on what the file really
 * unpacks to (not the sizes its headers claim); the worker's heap cap is the backstop for anything else.
 */
export const XLSX_LIMITS = {
  /** Excel's own limit for one cell. */
  maxCellChars: 32_767,
  /** Longest run of XML text between tags (a cell's text with entities such as `&amp;`, in UTF-8 bytes). */
  maxTextBytes: 256 * 1024,
  /** Columns a row may reach (A…BZZ is 2,028): more is not a contact or company sheet. */
  maxColumns: 2_048,
  /** Rows a sheet may reach: Excel's maximum. */
  maxRows: 1_048_576,
  /** What any one part of the workbook may unpack to, and all of them together. */
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  /** The shared-strings part is held in memory whole while the sheet is read. */
  maxSharedStringsBytes: 256 * 1024 * 1024,
  /** Heap of the worker thread that parses the workbook; it is stopped, not the server, when it runs out. */
  workerHeapMb: 384,
  /** Rows sent from the worker per message, and batches it may send before the reader has taken them. */
  batchRows: 500,
  batchesAhead: 4,
};
export type XlsxLimits = typeof XLSX_LIMITS;

/** A workbook Kith will not read, with a sentence for the person who uploaded it. */
export class XlsxError extends Error {
  override readonly name = 'XlsxError';
}

/** Text of one cell as a person would read it; dates become YYYY-MM-DD, formulas their result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.hyperlink) return o.hyperlink;
    if (o.error) return '';
    return '';
  }
  return String(v);
}

type WorkerMessage =
  | { type: 'rows'; rows: { n: number; values: unknown[] }[] }
  | { type: 'done' }
  | { type: 'refused'; message: string }
  | { type: 'broken'; message: string };

/**
 * The worker thread's program. It is turned into source text (`String(workbookWorker)`) and run with
 * `eval`, so it works the same from the TypeScript sources (tests) and from the server bundle, with no
 * file of its own to ship: it must not use anything from this module's scope — packages come by path in
 * `workerData`, loaded with the worker's `require` passed in as `load`. Pass 1 unpacks every part with yauzl and measures it; pass 2 reads the first sheet with
 * exceljs, checking each row, and sends rows in batches when asked.
 */
async function workbookWorker(load: NodeJS.Require): Promise<void> {
  const { parentPort, workerData } = load('node:worker_threads') as typeof import('node:worker_threads');
  const { file, limits, paths } = workerData as { file: string; limits: XlsxLimits; paths: { yauzl: string; exceljs: string } };
  const port = parentPort!;
  class Refused extends Error {}
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  const columnName = (n: number) => {
    let s = '';
    for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
    return s;
  };

  async function checkParts(): Promise<void> {
    const yauzl = load(paths.yauzl) as typeof import('yauzl');
    const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z!))),
    );
    let total = 0;
    let workbook = false;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: import('yauzl').Entry) => {
        const name = entry.fileName;
        if (name === 'xl/workbook.xml') workbook = true;
        if (name.endsWith('/') || !/\.(xml|rels)$/i.test(name)) return zip.readEntry(); // media, printer settings: exceljs skips them
        const cap = /sharedStrings\.xml$/i.test(name) ? limits.maxSharedStringsBytes : limits.maxEntryBytes;
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('unreadable entry'));
          let size = 0;
          // Text runs: the gap between two '<' may not exceed maxTextBytes. Probing maxTextBytes ahead with
          // lastIndexOf makes this a few calls per 256 KB, not one per tag.
          let offset = 0; // position of this chunk's first byte in the part
          let last = 0; // position of the last '<' seen
          const max = limits.maxTextBytes;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            total += chunk.length;
            if (size > cap) return stream.destroy(new Refused(`${name} unpacks to more than ${mb(cap)}`));
            if (total > limits.maxTotalBytes) return stream.destroy(new Refused(`the workbook unpacks to more than ${mb(limits.maxTotalBytes)}`));
            let p = last - offset;
            for (;;) {
              const probe = p + max;
              if (probe >= chunk.length) {
                const lt = chunk.lastIndexOf(60);
                if (lt >= 0 && lt > p) last = offset + lt;
                break;
              }
              const lt = probe < 0 ? -1 : chunk.lastIndexOf(60, probe);
              if (lt < 0 || lt <= p) {
                return stream.destroy(new Refused(`a cell holds more than ${limits.maxCellChars.toLocaleString('en')} characters (Excel's own limit)`));
              }
              p = lt;
            }
            offset += chunk.length;
          });
          stream.on('error', reject);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
    if (!workbook) throw new Refused('this is a ZIP archive but not an Excel workbook (.xlsx)');
  }

  function length(v: unknown): number {
    if (typeof v === 'string') return v.length;
    if (v && typeof v === 'object') {
      const o = v as { richText?: { text?: unknown }[]; text?: unknown; result?: unknown; hyperlink?: unknown };
      if (Array.isArray(o.richText)) return o.richText.reduce((n, r) => n + length(r.text), 0);
      return Math.max(length(o.text), length(o.result), length(o.hyperlink));
    }
    return 0;
  }

  async function sendRows(): Promise<void> {
    const Excel = load(paths.exceljs) as typeof import('exceljs');
    const reader = new Excel.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache' });
    let batch: { n: number; values: unknown[] }[] = [];
    // Up to `batchesAhead` batches in flight: the worker parses the next while the reader takes the last.
    let credits = limits.batchesAhead;
    let wake: (() => void) | undefined;
    port.on('message', () => {
      credits++;
      wake?.();
    });
    const flush = async () => {
      port.postMessage({ type: 'rows', rows: batch });
      batch = [];
      credits--;
      while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
    };
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<import('exceljs').Row>) {
        const values = (row.values as unknown[]).slice(1); // 1-based, sparse
        if (values.length > limits.maxColumns) {
          throw new Refused(`row ${row.number} reaches column ${columnName(values.length)}; at most ${limits.maxColumns.toLocaleString('en')} columns can be imported`);
        }
        if (row.number > limits.maxRows) throw new Refused(`the sheet goes past row ${limits.maxRows.toLocaleString('en')}`);
        for (let i = 0; i < values.length; i++) {
          if (values[i] === undefined) values[i] = null; // holes do not survive postMessage as holes
          else if (length(values[i]) > limits.maxCellChars) {
            throw new Refused(`cell ${columnName(i + 1)}${row.number} holds more than ${limits.maxCellChars.toLocaleString('en')} characters (Excel's own limit)`);
          }
        }
        batch.push({ n: row.number, values });
        if (batch.length >= limits.batchRows) await flush();
      }
      break; // first sheet only
    }
    if (batch.length) await flush();
  }

  try {
    await checkParts();
    await sendRows();
    port.postMessage({ type: 'done' });
  } catch (err) {
    if (err instanceof Refused) port.postMessage({ type: 'refused', message: err.message });
    else port.postMessage({ type: 'broken', message: String((err as Error)?.message ?? err) });
  }
}

/** The eval'd script's own `require` is handed in as `load`: a bundler rewrites `require` calls it sees. */
const WORKER_SOURCE = `(${String(workbookWorker)})(require);`;
let packagePaths: { yauzl: string; exceljs: string } | undefined;
function resolvePackages() {
  const req = createRequire(import.meta.url);
  return (packagePaths ??= { yauzl: req.resolve('yauzl'), exceljs: req.resolve('exceljs') });
}

const DAMAGED = 'the workbook is damaged or is not an .xlsx file (open it in Excel or LibreOffice and save it again as .xlsx)';

/**
 * Rows of the first worksheet, read in a worker thread with XLSX_LIMITS: the event loop never parses XML,
 * a hostile file stops the worker (never the server), and every refusal is an XlsxError with a sentence
 * such as "a cell holds more than 32,767 characters". Stopping early (headers, a sample) ends the worker.
 */
async function* sheetRows(file: string, limits: XlsxLimits = XLSX_LIMITS): AsyncGenerator<SourceRow> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, limits, paths: resolvePackages() },
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  const inbox: (WorkerMessage | { type: 'failed'; error: Error } | { type: 'exit' })[] = [];
  let wake: (() => void) | undefined;
  const push = (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
  };
  worker.on('message', (m: WorkerMessage) => push(m));
  worker.on('error', (error: Error) => push({ type: 'failed', error }));
  worker.on('exit', () => push({ type: 'exit' }));
  try {
    for (;;) {
      while (!inbox.length) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift()!;
      if (m.type === 'rows') {
        for (const r of m.rows) {
          const values = r.values.map(cellText);
          if (values.every((v) => v.trim() === '')) continue;
          yield { rowNumber: r.n, values };
        }
        worker.postMessage('next');
      } else if (m.type === 'done') return;
      else if (m.type === 'refused') throw new XlsxError(m.message);
      else if (m.type === 'failed' && (m.error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new XlsxError(`the workbook needs more than ${limits.workerHeapMb} MB to read; split it or save it as CSV`);
      } else throw new XlsxError(DAMAGED);
    }
  } finally {
    await worker.terminate();
  }
}

export async function xlsxHeaders(file: string, limits?: XlsxLimits): Promise<string[]> {
  for await (const row of sheetRows(file, limits)) return row.values;
  return [];
}

export async function* xlsxRows(file: string, limits?: XlsxLimits): AsyncGenerator<SourceRow> {
  let first = true;
  for await (const row of sheetRows(file, limits)) {
    if (first) {
      first = false;
      continue;
    }
    yield row;
  }
}
