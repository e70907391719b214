import PDFDocument from 'pdfkit';
import {
  ANALYSIS_MARKER,
  MISSING_TEXT,
  formatNumber,
  formatStockholm,
  noticeOf,
  type ReportBlock,
  type ReportChart,
  type ReportDocument,
  withPersonnummerMasked,
} from '@kvalitet/domain';

type Pdf = PDFKit.PDFDocument;

const MARGIN = 50;
const PALETTE = ['#1f5f8b', '#c0392b', '#27ae60', '#8e44ad', '#d35400'];

/** The PDF standard fonts speak WinAnsi (å, ä, ö, é, –, … are fine); the few other signs get a stand-in. */
export function pdfSafe(text: string): string {
  return text
    .replace(/→/g, '->')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[^\t\n\u0020-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac]/g, '?');
}

function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
}

function width(pdf: Pdf): number {
  return pdf.page.width - 2 * MARGIN;
}

function drawChart(pdf: Pdf, chart: ReportChart): void {
  const w = width(pdf);
  const h = 170;
  ensureSpace(pdf, h + 30);
  const top = pdf.y;
  pdf
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor('#000')
    .text(pdfSafe(chart.title), MARGIN, top, { width: w, align: 'center' });
  const plot = { x: MARGIN + 40, y: top + 18, w: w - 50, h: h - 50 };
  if (chart.kind === 'funnel') {
    const max = Math.max(1, ...chart.steps.map((s) => s.value));
    const rowH = plot.h / Math.max(1, chart.steps.length);
    chart.steps.forEach((s, i) => {
      const y = plot.y + i * rowH;
      const barW = ((plot.w - 120) * s.value) / max;
      const x = MARGIN + 120 + (plot.w - 120 - barW) / 2;
      pdf
        .font('Helvetica')
        .fontSize(8)
        .fillColor('#000')
        .text(pdfSafe(s.label), MARGIN, y + rowH / 2 - 4, { width: 115 });
      pdf.rect(x, y + 3, Math.max(barW, 1), rowH - 6).fill(PALETTE[0]!);
      pdf
        .fillColor('#000')
        .text(String(s.value), MARGIN + 120, y + rowH / 2 - 4, { width: plot.w - 120, align: 'center' });
    });
  } else {
    const values = chart.kind === 'bar' ? chart.values : chart.series.flatMap((s) => s.values);
    const max = Math.max(1, ...values);
    pdf
      .lineWidth(0.8)
      .strokeColor('#333')
      .moveTo(plot.x, plot.y)
      .lineTo(plot.x, plot.y + plot.h)
      .lineTo(plot.x + plot.w, plot.y + plot.h)
      .stroke();
    pdf
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#000')
      .text(String(max), MARGIN, plot.y - 3, { width: 36, align: 'right' })
      .text('0', MARGIN, plot.y + plot.h - 4, { width: 36, align: 'right' });
    const n = Math.max(1, chart.labels.length);
    const step = plot.w / n;
    chart.labels.forEach((label, i) => {
      pdf
        .fontSize(6)
        .fillColor('#000')
        .text(
          pdfSafe(label.length > 16 ? `${label.slice(0, 15)}…` : label),
          plot.x + step * i,
          plot.y + plot.h + 3,
          { width: step, align: 'center', lineBreak: false, height: 10 },
        );
    });
    if (chart.kind === 'bar') {
      chart.values.forEach((v, i) => {
        const barH = (v / max) * plot.h;
        pdf
          .rect(plot.x + step * i + step * 0.15, plot.y + plot.h - barH, step * 0.7, Math.max(barH, 0.5))
          .fill(PALETTE[0]!);
      });
    } else {
      chart.series.forEach((series, si) => {
        const colour = PALETTE[si % PALETTE.length]!;
        series.values.forEach((v, i) => {
          const x = plot.x + step * i + step / 2;
          const y = plot.y + plot.h - (v / max) * plot.h;
          if (i === 0) pdf.moveTo(x, y);
          else pdf.lineTo(x, y);
        });
        pdf.lineWidth(1.5).strokeColor(colour).stroke();
        pdf
          .fontSize(7)
          .fillColor(colour)
          .text(pdfSafe(series.name), plot.x + plot.w - 80, plot.y + si * 10, { width: 80, align: 'right' });
      });
    }
  }
  pdf.fillColor('#000').strokeColor('#000').lineWidth(1);
  pdf.y = top + h;
  pdf.x = MARGIN;
}

function drawTable(pdf: Pdf, block: Extract<ReportBlock, { kind: 'table' }>): void {
  const w = width(pdf);
  const cols = block.columns.length;
  const first = cols > 2 ? Math.min(0.3, 1.6 / cols) : 0.5;
  const colW = block.columns.map((_, i) => (i === 0 ? w * first : (w * (1 - first)) / Math.max(1, cols - 1)));
  const fontSize = cols > 7 ? 6.5 : 8;
  const drawRow = (cells: readonly string[], bold: boolean) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    const heights = cells.map((c, i) => pdf.heightOfString(pdfSafe(c), { width: colW[i]! - 4 }));
    const rowH = Math.max(...heights, fontSize) + 4;
    ensureSpace(pdf, rowH);
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      pdf.rect(x, y, colW[i]!, rowH).lineWidth(0.3).strokeColor('#999').stroke();
      const missing = !bold && c === MISSING_TEXT;
      if (missing) pdf.font('Helvetica-Bold');
      pdf.fillColor(missing ? '#b00020' : '#000').text(pdfSafe(c), x + 2, y + 2, { width: colW[i]! - 4 });
      if (missing) pdf.font('Helvetica');
      x += colW[i]!;
    });
    pdf.y = y + rowH;
    pdf.x = MARGIN;
  };
  if (block.caption) {
    ensureSpace(pdf, 30);
    pdf.font('Helvetica-Bold').fontSize(9).text(pdfSafe(block.caption), MARGIN, pdf.y, { width: w });
  }
  drawRow(block.columns, true);
  if (block.rows.length === 0) drawRow(['Inga rader.', ...block.columns.slice(1).map(() => '')], false);
  for (const row of block.rows)
    drawRow(
      row.map((c) => (typeof c === 'number' ? formatNumber(c) : c)),
      false,
    );
  pdf.moveDown(0.5);
}

function drawBlock(pdf: Pdf, block: ReportBlock): void {
  const w = width(pdf);
  switch (block.kind) {
    case 'paragraph':
      ensureSpace(pdf, 30);
      pdf
        .font('Helvetica')
        .fontSize(10)
        .fillColor('#000')
        .text(pdfSafe(block.text), MARGIN, pdf.y, { width: w });
      pdf.moveDown(0.5);
      return;
    case 'facts':
      for (const item of block.items) {
        ensureSpace(pdf, 14);
        pdf
          .font('Helvetica-Bold')
          .fontSize(9)
          .text(`${pdfSafe(item.label)}: `, MARGIN, pdf.y, { continued: true, width: w })
          .font('Helvetica')
          .text(pdfSafe(item.value));
      }
      pdf.moveDown(0.5);
      return;
    case 'table':
      drawTable(pdf, block);
      return;
    case 'chart':
      drawChart(pdf, block.chart);
      return;
    case 'analysis': {
      const text = `${ANALYSIS_MARKER}: ${pdfSafe(block.prompt)}`;
      pdf.font('Helvetica-Oblique').fontSize(9);
      const h = pdf.heightOfString(text, { width: w - 16 }) + 14;
      ensureSpace(pdf, h + 6);
      const y = pdf.y;
      pdf.rect(MARGIN, y, w, h).dash(4, { space: 3 }).lineWidth(1.2).strokeColor('#c0392b').stroke().undash();
      pdf.fillColor('#c0392b').text(text, MARGIN + 8, y + 7, { width: w - 16 });
      pdf.fillColor('#000').strokeColor('#000');
      pdf.y = y + h + 8;
      pdf.x = MARGIN;
      return;
    }
  }
}

/** The document as PDF with vector charts, Swedish text, organisation, period and generation time. */
export function renderReportPdf(document: ReportDocument): Promise<Buffer> {
  const doc = withPersonnummerMasked(document);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: pdfSafe(doc.title),
      Author: pdfSafe(doc.organisation),
      Subject: pdfSafe(doc.periodLabel),
      Creator: 'Kvalitetsledning',
    },
    lang: 'sv-SE',
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const w = width(pdf);
  pdf
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#444')
    .text(pdfSafe(doc.organisation), MARGIN, MARGIN, { width: w });
  pdf.font('Helvetica-Bold').fontSize(18).fillColor('#000').text(pdfSafe(doc.title), { width: w });
  pdf
    .font('Helvetica')
    .fontSize(10)
    .text(pdfSafe(`Period: ${doc.periodLabel}`), { width: w });
  pdf.text(
    pdfSafe(`Skapad: ${formatStockholm(doc.generatedAt)} · ${doc.status === 'draft' ? 'Utkast' : 'Slutlig'}`),
    { width: w },
  );
  pdf
    .fillColor('#555')
    .fontSize(8)
    .text(pdfSafe(noticeOf(doc)), { width: w })
    .fillColor('#000');
  pdf.moveDown();
  for (const section of doc.sections) {
    ensureSpace(pdf, 60);
    pdf
      .font('Helvetica-Bold')
      .fontSize(13)
      .fillColor('#000')
      .text(pdfSafe(section.title), MARGIN, pdf.y, { width: w });
    if (section.source)
      pdf
        .font('Helvetica')
        .fontSize(7.5)
        .fillColor('#555')
        .text(pdfSafe(`Underlag: ${section.source}`), { width: w })
        .fillColor('#000');
    pdf.moveDown(0.3);
    for (const block of section.blocks) drawBlock(pdf, block);
    pdf.moveDown(0.5);
  }
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    pdf.page.margins.bottom = 0;
    pdf
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#555')
      .text(
        pdfSafe(`${doc.title} · sida ${i + 1} av ${range.count}`),
        MARGIN,
        pdf.page.height - MARGIN + 15,
        { width: w, align: 'center', lineBreak: false },
      );
  }
  pdf.end();
  return done;
}
