import fs from 'node:fs';
import { parse } from 'csv-parse';
import { decodeToText, type TextEncoding } from './encoding.js';
import type { SourceRow } from './source.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Counts each candidate delimiter outside quotes per line. */
function countPerLine(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) n++;
    else if (!inQuotes && ch === '\n') {
      counts.push(n);
      n = 0;
      if (counts.length >= 50) break;
    }
  }
  return counts;
}

/**
 * Picks the delimiter that splits the first lines into the same, largest number of columns.
 * Example: sniffDelimiter('a;b;c\n1;2;3\n') → ';'.
 */
export function sniffDelimiter(sample: string): string {
  let best: string = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = countPerLine(sample, d);
    if (counts.length === 0) {
      const whole = sample.split(d).length - 1;
      if (whole > bestScore) [best, bestScore] = [d, whole];
      continue;
    }
    const header = counts[0]!;
    if (header === 0) continue;
    const consistent = counts.filter((c) => c === header).length / counts.length;
    const score = consistent * 1000 + header;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

function parser(delimiter: string) {
  return parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  });
}

/** Reads only the header record. */
export async function csvHeaders(file: string, encoding: TextEncoding, delimiter: string): Promise<string[]> {
  const bytes = fs.createReadStream(file);
  const records = decodeToText(bytes, encoding).pipe(parser(delimiter));
  try {
    for await (const record of records as AsyncIterable<string[]>) return record;
    return [];
  } finally {
    bytes.destroy();
    records.destroy();
  }
}

/** Streams data rows; rowNumber is the record's position in the file (header = 1). Memory stays flat. */
export async function* csvRows(file: string, encoding: TextEncoding, delimiter: string): AsyncGenerator<SourceRow> {
  const bytes = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const records = decodeToText(bytes, encoding).pipe(parser(delimiter));
  // rowNumber counts emitted records (csv-parse's info.records, without the cost of its info objects).
  let n = 0;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      if (++n === 1) continue;
      yield { rowNumber: n, values: record };
    }
  } finally {
    bytes.destroy();
    records.destroy();
  }
}
