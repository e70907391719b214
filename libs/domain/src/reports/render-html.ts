import {
  ANALYSIS_MARKER,
  formatNumber,
  formatStockholm,
  noticeOf,
  type ReportBlock,
  type ReportChart,
  type ReportDocument,
} from './report-document';
import { MISSING_TEXT } from './register-sections';
import { withPersonnummerMasked } from './document-personnummer';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const PALETTE = ['#1f5f8b', '#c0392b', '#27ae60', '#8e44ad', '#d35400'];

function chartSvg(chart: ReportChart): string {
  const width = 640;
  const height = 240;
  const pad = { left: 48, right: 16, top: 28, bottom: 56 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const title = `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(chart.title)}</text>`;
  if (chart.kind === 'funnel') {
    const max = Math.max(1, ...chart.steps.map((s) => s.value));
    const rowH = plotH / Math.max(1, chart.steps.length);
    const bars = chart.steps
      .map((s, i) => {
        const w = (s.value / max) * (plotW - 160);
        const x = pad.left + 160 + (plotW - 160 - w) / 2;
        const y = pad.top + i * rowH;
        return `<text x="${pad.left}" y="${y + rowH / 2 + 4}" font-size="12">${escapeHtml(s.label)}</text><rect x="${x}" y="${y + 4}" width="${Math.max(w, 1)}" height="${rowH - 8}" fill="${PALETTE[0]}"/><text x="${pad.left + 160 + (plotW - 160) / 2}" y="${y + rowH / 2 + 4}" text-anchor="middle" font-size="12" fill="#000">${s.value}</text>`;
      })
      .join('');
    return `<svg role="img" aria-label="${escapeHtml(chart.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${title}${bars}</svg>`;
  }
  const values = chart.kind === 'bar' ? chart.values : chart.series.flatMap((s) => s.values);
  const max = Math.max(1, ...values);
  const axis = `<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${pad.left + plotW}" y2="${pad.top + plotH}" stroke="#333"/><line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${pad.top + plotH}" stroke="#333"/><text x="${pad.left - 6}" y="${pad.top + 4}" text-anchor="end" font-size="10">${max}</text><text x="${pad.left - 6}" y="${pad.top + plotH}" text-anchor="end" font-size="10">0</text>`;
  const n = Math.max(1, chart.labels.length);
  const step = plotW / n;
  const labels = chart.labels
    .map(
      (l, i) =>
        `<text x="${pad.left + step * i + step / 2}" y="${pad.top + plotH + 14}" text-anchor="middle" font-size="9">${escapeHtml(l.length > 14 ? `${l.slice(0, 13)}…` : l)}</text>`,
    )
    .join('');
  if (chart.kind === 'bar') {
    const bars = chart.values
      .map(
        (v, i) =>
          `<rect x="${pad.left + step * i + step * 0.15}" y="${pad.top + plotH - (v / max) * plotH}" width="${step * 0.7}" height="${(v / max) * plotH}" fill="${PALETTE[0]}"><title>${escapeHtml(chart.labels[i] ?? '')}: ${v}</title></rect>`,
      )
      .join('');
    return `<svg role="img" aria-label="${escapeHtml(chart.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${title}${axis}${bars}${labels}</svg>`;
  }
  const lines = chart.series
    .map((s, si) => {
      const points = s.values
        .map((v, i) => `${pad.left + step * i + step / 2},${pad.top + plotH - (v / max) * plotH}`)
        .join(' ');
      const colour = PALETTE[si % PALETTE.length]!;
      return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/><text x="${pad.left + plotW - 4}" y="${pad.top + 12 + si * 14}" text-anchor="end" font-size="11" fill="${colour}">${escapeHtml(s.name)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(chart.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${title}${axis}${lines}${labels}</svg>`;
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'facts':
      return `<dl class="facts">${b.items.map((i) => `<dt>${escapeHtml(i.label)}</dt><dd>${escapeHtml(i.value)}</dd>`).join('')}</dl>`;
    case 'table':
      return `<table>${b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : ''}<thead><tr>${b.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${
        b.rows.length === 0
          ? `<tr><td colspan="${b.columns.length}">Inga rader.</td></tr>`
          : b.rows
              .map(
                (r) =>
                  `<tr>${r.map((c) => (c === MISSING_TEXT ? `<td class="missing"><strong>${MISSING_TEXT}</strong></td>` : `<td>${escapeHtml(typeof c === 'number' ? formatNumber(c) : c)}</td>`)).join('')}</tr>`,
              )
              .join('')
      }</tbody></table>`;
    case 'chart':
      return `<figure>${chartSvg(b.chart)}</figure>`;
    case 'analysis':
      return `<div class="analysis" role="note"><strong>${ANALYSIS_MARKER}:</strong> ${escapeHtml(b.prompt)}</div>`;
  }
}

/** The document as a standalone Swedish HTML page (charts as inline SVG). */
export function renderReportHtml(document: ReportDocument): string {
  const doc = withPersonnummerMasked(document);
  const body = doc.sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>${s.source ? `<p class="source">Underlag: ${escapeHtml(s.source)}</p>` : ''}${s.blocks.map(block).join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}caption{text-align:left;font-weight:bold}.facts{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem}.facts dt{font-weight:bold}.analysis{border:2px dashed #c0392b;background:#fdf2f0;padding:.75rem;margin:1rem 0}.source{color:#555;font-size:.9em}.missing{color:#b00020}.meta{color:#333}</style>
</head><body>
<header><p class="meta">${escapeHtml(doc.organisation)}</p><h1>${escapeHtml(doc.title)}</h1>
<p class="meta">Period: ${escapeHtml(doc.periodLabel)} · Skapad ${escapeHtml(formatStockholm(doc.generatedAt))} · ${doc.status === 'draft' ? 'Utkast' : 'Slutlig'}</p>
<p class="meta">${escapeHtml(noticeOf(doc))}</p></header>
${body}
</body></html>`;
}
