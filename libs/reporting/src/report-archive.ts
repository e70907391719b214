import type { ReportDocument } from '@kvalitet/domain';
import type { Queryable } from './statistics-store';
import { rowsOf } from '@kvalitet/persistence';

export interface ArchivedReport {
  readonly key: string;
  readonly kind: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly generation: number;
  readonly generatedAt: string;
  readonly workflowId: string | null;
}

export interface ReportToArchive {
  readonly key: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly data: unknown;
  readonly document: ReportDocument;
  readonly html: string;
  readonly pdf: Buffer;
  readonly workflowId?: string;
}

interface Row {
  report_key: string;
  kind: string;
  label: string;
  period_from: Date;
  period_to: Date;
  generation: number;
  generated_at: Date;
  workflow_id: string | null;
}

const toArchived = (r: Row): ArchivedReport => ({
  key: r.report_key,
  kind: r.kind,
  label: r.label,
  from: r.period_from.toISOString(),
  to: r.period_to.toISOString(),
  generation: r.generation,
  generatedAt: r.generated_at.toISOString(),
  workflowId: r.workflow_id,
});

/** Generated reports, one per period key: generating the same period again replaces it (generation + 1). */
export const reportArchive = {
  async save(db: Queryable, report: ReportToArchive): Promise<ArchivedReport> {
    const rows = rowsOf<Row>(
      await db.query(
        `INSERT INTO generated_reports (report_key, kind, label, period_from, period_to, data, document, html, pdf, generated_at, workflow_id)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11)
         ON CONFLICT (report_key) DO UPDATE SET label = EXCLUDED.label, period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to,
           data = EXCLUDED.data, document = EXCLUDED.document, html = EXCLUDED.html, pdf = EXCLUDED.pdf, generated_at = EXCLUDED.generated_at,
           workflow_id = EXCLUDED.workflow_id, generation = generated_reports.generation + 1
         RETURNING report_key, kind, label, period_from, period_to, generation, generated_at, workflow_id`,
        [
          report.key,
          report.document.kind,
          report.label,
          report.from,
          report.to,
          JSON.stringify(report.data),
          JSON.stringify(report.document),
          report.html,
          report.pdf,
          report.document.generatedAt,
          report.workflowId ?? null,
        ],
      ),
    );
    return toArchived(rows[0]!);
  },

  async get(db: Queryable, key: string): Promise<ArchivedReport | null> {
    const rows = rowsOf<Row>(
      await db.query(
        `SELECT report_key, kind, label, period_from, period_to, generation, generated_at, workflow_id FROM generated_reports WHERE report_key = $1`,
        [key],
      ),
    );
    return rows[0] ? toArchived(rows[0]) : null;
  },

  async pdf(db: Queryable, key: string): Promise<Buffer | null> {
    const rows = rowsOf<{ pdf: Buffer }>(
      await db.query(`SELECT pdf FROM generated_reports WHERE report_key = $1`, [key]),
    );
    return rows[0]?.pdf ?? null;
  },

  async list(db: Queryable, kind?: string): Promise<ArchivedReport[]> {
    const rows = rowsOf<Row>(
      await db.query(
        `SELECT report_key, kind, label, period_from, period_to, generation, generated_at, workflow_id FROM generated_reports WHERE ($1::text IS NULL OR kind = $1) ORDER BY period_from DESC, report_key`,
        [kind ?? null],
      ),
    );
    return rows.map(toArchived);
  },
};
