import { createHash } from 'node:crypto';
import type { Narratives, ReportDocument } from '@kvalitet/domain';
import { rowsOf } from '@kvalitet/persistence';
import type { Queryable } from './statistics-store';

/** The event-store id of one report period (`ReportGenerated`, `ReportApproved`): a name-based UUID of its key. */
export function reportAggregateId(key: string): string {
  const hex = createHash('sha256').update(`report:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export interface ReportPresentation {
  readonly meeting: string;
  readonly reference: string;
  readonly presentedBy: string;
  readonly recordedAt: string;
}

export interface ReportVersionSummary {
  readonly key: string;
  readonly version: number;
  readonly kind: string;
  readonly scope: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly approvedBy: string;
  readonly approvedByName: string;
  readonly approvedAt: string;
  readonly presentations: readonly ReportPresentation[];
}

export interface ReportVersion extends ReportVersionSummary {
  readonly data: unknown;
  readonly document: ReportDocument;
  readonly narratives: Narratives;
  readonly html: string;
  readonly pdf: Buffer;
  readonly contentHash: string;
}

export interface ReportVersionToFreeze {
  readonly key: string;
  readonly kind: string;
  readonly scope: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly data: unknown;
  readonly document: ReportDocument;
  readonly narratives: Narratives;
  readonly html: string;
  readonly pdf: Buffer;
  readonly contentHash: string;
  readonly approvedBy: string;
  readonly approvedByName: string;
  readonly approvedAt: string;
}

interface SummaryRow {
  report_key: string;
  version: number;
  kind: string;
  scope: string;
  label: string;
  period_from: Date;
  period_to: Date;
  approved_by: string;
  approved_by_name: string;
  approved_at: Date;
  presentations: { meeting: string; reference: string; presented_by: string; recorded_at: string }[];
}

interface FullRow extends SummaryRow {
  data: unknown;
  document: ReportDocument;
  narratives: Narratives;
  html: string;
  pdf: Buffer;
  content_hash: string;
}

const SUMMARY_COLUMNS = `v.report_key, v.version, v.kind, v.scope, v.label, v.period_from, v.period_to,
  v.approved_by, v.approved_by_name, v.approved_at,
  coalesce((SELECT jsonb_agg(jsonb_build_object('meeting', p.meeting, 'reference', p.reference,
      'presented_by', p.presented_by, 'recorded_at', p.recorded_at) ORDER BY p.recorded_at)
    FROM report_presentations p WHERE p.report_key = v.report_key AND p.version = v.version), '[]'::jsonb) AS presentations`;

const toSummary = (r: SummaryRow): ReportVersionSummary => ({
  key: r.report_key,
  version: r.version,
  kind: r.kind,
  scope: r.scope,
  label: r.label,
  from: r.period_from.toISOString(),
  to: r.period_to.toISOString(),
  approvedBy: r.approved_by,
  approvedByName: r.approved_by_name,
  approvedAt: r.approved_at.toISOString(),
  presentations: r.presentations.map((p) => ({
    meeting: p.meeting,
    reference: p.reference,
    presentedBy: p.presented_by,
    recordedAt: new Date(p.recorded_at).toISOString(),
  })),
});

/**
 * Approved reports, frozen (REP-1, DATA-6, ADR 0038): one row per approval, numbered per report key
 * from 1, never changed (the table's trigger refuses UPDATE and DELETE).
 */
export const reportVersions = {
  /** Appends the next version; `null` if another approval took that number first (the caller retries or answers 409). */
  async freeze(
    db: Queryable,
    report: ReportVersionToFreeze,
    version: number,
  ): Promise<ReportVersionSummary | null> {
    const rows = rowsOf<{ version: number }>(
      await db.query(
        `INSERT INTO report_versions (report_key, version, kind, scope, label, period_from, period_to, data, document,
           narratives, html, pdf, content_hash, approved_by, approved_by_name, approved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (report_key, version) DO NOTHING
         RETURNING version`,
        [
          report.key,
          version,
          report.kind,
          report.scope,
          report.label,
          report.from,
          report.to,
          JSON.stringify(report.data),
          JSON.stringify(report.document),
          JSON.stringify(report.narratives),
          report.html,
          report.pdf,
          report.contentHash,
          report.approvedBy,
          report.approvedByName,
          report.approvedAt,
        ],
      ),
    );
    if (rows.length === 0) return null;
    return this.summary(db, report.key, version);
  },

  async summary(db: Queryable, key: string, version: number): Promise<ReportVersionSummary | null> {
    const rows = rowsOf<SummaryRow>(
      await db.query(
        `SELECT ${SUMMARY_COLUMNS} FROM report_versions v WHERE v.report_key = $1 AND v.version = $2`,
        [key, version],
      ),
    );
    return rows[0] ? toSummary(rows[0]) : null;
  },

  /** Newest first. */
  async list(db: Queryable, key: string): Promise<ReportVersionSummary[]> {
    const rows = rowsOf<SummaryRow>(
      await db.query(
        `SELECT ${SUMMARY_COLUMNS} FROM report_versions v WHERE v.report_key = $1 ORDER BY v.version DESC`,
        [key],
      ),
    );
    return rows.map(toSummary);
  },

  async get(db: Queryable, key: string, version: number): Promise<ReportVersion | null> {
    const rows = rowsOf<FullRow>(
      await db.query(
        `SELECT ${SUMMARY_COLUMNS}, v.data, v.document, v.narratives, v.html, v.pdf, v.content_hash
           FROM report_versions v WHERE v.report_key = $1 AND v.version = $2`,
        [key, version],
      ),
    );
    const row = rows[0];
    if (!row) return null;
    return {
      ...toSummary(row),
      data: row.data,
      document: row.document,
      narratives: row.narratives,
      html: row.html,
      pdf: row.pdf,
      contentHash: row.content_hash,
    };
  },

  async latest(db: Queryable, key: string): Promise<{ version: number; contentHash: string } | null> {
    const rows = rowsOf<{ version: number; content_hash: string }>(
      await db.query(
        `SELECT version, content_hash FROM report_versions WHERE report_key = $1 ORDER BY version DESC LIMIT 1`,
        [key],
      ),
    );
    return rows[0] ? { version: rows[0].version, contentHash: rows[0].content_hash } : null;
  },

  /** Records that a version was presented at a meeting (REP-1 "presented"); false if that meeting is already recorded. */
  async present(
    db: Queryable,
    key: string,
    version: number,
    presentation: { meeting: string; reference: string; presentedBy: string },
  ): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await db.query(
        `INSERT INTO report_presentations (report_key, version, meeting, reference, presented_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_key, version, meeting) DO NOTHING RETURNING id`,
        [key, version, presentation.meeting, presentation.reference, presentation.presentedBy],
      ),
    );
    return rows.length > 0;
  },
};
