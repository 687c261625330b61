import { describe, expect, it } from 'vitest';
import { pdfText } from './documents.test-helpers.js';
import { renderDocumentPdf, type DocumentPdfInput } from './pdf.js';
import { documentTotals, lineTotals } from './totals.js';
import { amountInWords } from './words.js';

// A 1×1 PNG, to check a logo is drawn without failing.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function sample(lang: 'en' | 'vi', lineCount = 3): DocumentPdfInput {
  const inputs = [
    { description: 'Máy lọc nước RO Kangaroo — lắp đặt tại nhà', quantity: 2, unitPrice: 450_000, discount: { percent: 10 }, taxRate: 10 },
    { description: 'Bảo trì định kỳ 12 tháng (dịch vụ)', quantity: 1, unitPrice: 300_000, taxRate: 8 },
    { description: 'Lõi lọc thay thế số 1', quantity: 1.5, unitPrice: 100_000, discount: { amount: 0 }, taxRate: 0 },
  ];
  const raw = Array.from({ length: lineCount }, (_, i) => ({ ...inputs[i % 3]!, description: lineCount > 3 ? `${inputs[i % 3]!.description} #${i + 1}` : inputs[i % 3]!.description }));
  const lines = raw.map((l) => ({ ...lineTotals(l, 'VND'), description: l.description }));
  const totals = documentTotals(lines);
  return {
    kind: 'quote', number: 'Q-2026-0001', date: '2026-12-07', lang,
    company: { name: 'Công ty TNHH Ánh Dương', address: '12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội', taxCode: '0101234567', logo: PNG },
    customer: { name: 'Nguyễn Thị Hương', address: '45 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh', email: 'huong@example.vn' },
    lines, totals, words: amountInWords(totals.total, 'VND', lang),
    notes: 'Giá đã bao gồm vận chuyển nội thành.',
    details: [{ label: lang === 'vi' ? 'Hiệu lực đến' : 'Valid until', value: '31/12/2026' }],
  };
}

describe('renderDocumentPdf', () => {
  it('renders Vietnamese text, the line items and the amount in words, read back from the PDF', async () => {
    const input = sample('vi');
    const pdf = await renderDocumentPdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    expect(text).toContain('BÁO GIÁ');
    expect(text).toContain('Công ty TNHH Ánh Dương');
    expect(text).toContain('Máy lọc nước RO Kangaroo — lắp đặt tại nhà');
    expect(text).toContain('Bảo trì định kỳ 12 tháng (dịch vụ)');
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text).toContain('Số tiền bằng chữ');
    // 810,000 + 81,000 + 300,000 + 24,000 + 150,000 = 1,365,000.
    expect(input.totals.total).toBe(1_365_000);
    expect(text).toContain('Một triệu ba trăm sáu mươi lăm nghìn đồng');
    expect(text).toContain('1.365.000 ₫');
  });

  it('renders English labels and words', async () => {
    const { text } = await pdfText(await renderDocumentPdf(sample('en')));
    expect(text).toContain('QUOTE');
    expect(text).toContain('Amount in words');
    expect(text).toContain('One million three hundred sixty-five thousand dong');
    expect(text).toContain('Valid until: 31/12/2026');
  });

  // Its speed is measured in bench/quote-pdf.bench.ts, not here.
  it('breaks 50 lines over pages, numbering them', async () => {
    const input = sample('vi', 50);
    const { text, pages } = await pdfText(await renderDocumentPdf(input));
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Trang ${pages}/${pages}`);
    expect(text).toContain('Lõi lọc thay thế số 1 #48');
  });
});
