/** Test support: the text of a PDF, read back with pdf-parse (pdf.js), spaces (incl. no-break ones) collapsed. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<{ text: string; pages: number }> {
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return { text: result.text.replace(/[\s\u00a0\u202f]+/g, ' '), pages: result.total };
  } finally {
    await parser.destroy();
  }
}
