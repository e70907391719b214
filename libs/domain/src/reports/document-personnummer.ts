import { maskPersonnummer } from '../cases/personnummer-in-text';
import type { ReportBlock, ReportChart, ReportDocument } from './report-document';

/**
 * A document leaves the case (printed, mailed, archived, sent to the nämnd or IVO), so no full
 * personnummer may stand in it (issue 21, DATA-2). The renderers mask every text of the document
 * here, whoever built it: a text a builder forgot, or a category typed as free text before the
 * controlled lists, is covered too. Numbers (counts) are left alone.
 */
export function withPersonnummerMasked(doc: ReportDocument): ReportDocument {
  const mask = (text: string): string => maskPersonnummer(text);
  const cell = (value: string | number): string | number => (typeof value === 'string' ? mask(value) : value);
  const chart = (c: ReportChart): ReportChart => {
    switch (c.kind) {
      case 'line':
        return {
          ...c,
          title: mask(c.title),
          labels: c.labels.map(mask),
          series: c.series.map((s) => ({ ...s, name: mask(s.name) })),
        };
      case 'bar':
        return { ...c, title: mask(c.title), labels: c.labels.map(mask) };
      case 'funnel':
        return { ...c, title: mask(c.title), steps: c.steps.map((s) => ({ ...s, label: mask(s.label) })) };
    }
  };
  const block = (b: ReportBlock): ReportBlock => {
    switch (b.kind) {
      case 'paragraph':
        return { ...b, text: mask(b.text) };
      case 'facts':
        return { ...b, items: b.items.map((i) => ({ label: mask(i.label), value: mask(i.value) })) };
      case 'table':
        return {
          ...b,
          ...(b.caption === undefined ? {} : { caption: mask(b.caption) }),
          columns: b.columns.map(mask),
          rows: b.rows.map((row) => row.map(cell)),
        };
      case 'chart':
        return { ...b, chart: chart(b.chart) };
      case 'analysis':
        return { ...b, prompt: mask(b.prompt) };
    }
  };
  return {
    ...doc,
    title: mask(doc.title),
    periodLabel: mask(doc.periodLabel),
    ...(doc.notice === undefined ? {} : { notice: mask(doc.notice) }),
    sections: doc.sections.map((s) => ({ ...s, title: mask(s.title), blocks: s.blocks.map(block) })),
  };
}
