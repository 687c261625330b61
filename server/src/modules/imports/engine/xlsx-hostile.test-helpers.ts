/** Hand-made .xlsx files for the reader's limit tests (issue 12): archiver streams the XML, nothing big in memory. */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';

export const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
export const sheetXml = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;
export const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

type Part = string | (() => Generator<string>);

/** A minimal .xlsx by hand in `dir`: content types, relationships, workbook, one sheet and optional shared strings. */
export async function rawXlsx(dir: string, name: string, parts: { sheet: Part; shared?: Part }): Promise<string> {
  const file = path.join(dir, name);
  const out = fs.createWriteStream(file);
  const zip = new ZipArchive({ zlib: { level: 9 } });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', () => resolve());
    zip.on('error', reject);
  });
  zip.pipe(out);
  const body = (p: string | (() => Generator<string>)) => (typeof p === 'string' ? p : Readable.from(p()));
  const shared = parts.shared !== undefined;
  zip.append(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${shared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    { name: '[Content_Types].xml' },
  );
  zip.append(
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    { name: '_rels/.rels' },
  );
  zip.append(
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    { name: 'xl/workbook.xml' },
  );
  zip.append(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${shared ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`,
    { name: 'xl/_rels/workbook.xml.rels' },
  );
  zip.append(body(parts.sheet), { name: 'xl/worksheets/sheet1.xml' });
  if (parts.shared !== undefined) zip.append(body(parts.shared), { name: 'xl/sharedStrings.xml' });
  await zip.finalize();
  await closed;
  return file;
}


/** ~300 KB on disk, one shared string of 300 MB (the penetration test's file). */
export function hugeCellXlsx(dir: string): Promise<string> {
  const mb = 'A'.repeat(1024 * 1024);
  return rawXlsx(dir, 'one-huge-cell.xlsx', {
    sheet: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    shared: function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="1" uniqueCount="1"><si><t>`;
      for (let i = 0; i < 300; i++) yield mb;
      yield '</t></si></sst>';
    },
  });
}

/** A header, one contact, and a cell at XFD1048576 (the last cell a sheet can have). */
export function farCellXlsx(dir: string): Promise<string> {
  return rawXlsx(dir, 'far-cell.xlsx', {
    sheet: sheetXml(`<row r="1">${inline('A1', 'Email')}</row><row r="2">${inline('A2', 'a@example.vn')}</row><row r="1048576">${inline('XFD1048576', 'x')}</row>`),
  });
}
