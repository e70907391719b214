import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  renderReportHtml,
  yearRange,
  type Organisation,
  type ReportDocument,
  type ReportUnit,
  type ScheduledReportKind,
} from '@kvalitet/domain';
import type { EventStore } from '@kvalitet/persistence';
import type { Mailer } from '@kvalitet/notifications';
import { organisation as loadOrganisation } from '@kvalitet/runtime';
import {
  ReportService,
  renderReportPdf,
  reportAggregateId,
  reportArchive,
  type ComposedReport,
} from '@kvalitet/reporting';
import type {
  GenerateReportRequest,
  GeneratedReport,
  MailReportRequest,
  ReportActivities,
  ReportReminderRequest,
} from '@kvalitet/workflows';

/** Who gets each report by mail (usernames or addresses); `REPORT_RECIPIENTS_<KIND>` overrides. */
const DEFAULT_REPORT_RECIPIENTS: Readonly<Record<ScheduledReportKind, readonly string[]>> = {
  weekly_digest: ['ledning', 'forvaltningschef'],
  meeting_report: ['ledning', 'forvaltningschef'],
  quarterly_statistics: ['ledning', 'forvaltningschef', 'kvalitet'],
  tertial_report: ['ledning', 'forvaltningschef', 'kvalitet'],
  annual_report: ['forvaltningschef', 'kvalitet'],
  patientsakerhetsberattelse: ['mas', 'kvalitet'],
  kvalitetsberattelse: ['kvalitet', 'forvaltningschef'],
  ledningssystem_review: ['kvalitet', 'forvaltningschef'],
};

/** The owner the reminder chain nags (GAP-5: MAS by default for the patientsäkerhetsberättelse). */
const REMINDER_RECIPIENTS: Readonly<Partial<Record<ScheduledReportKind, readonly string[]>>> = {
  patientsakerhetsberattelse: ['mas'],
  kvalitetsberattelse: ['kvalitet'],
};

export function reportRecipientsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Record<ScheduledReportKind, readonly string[]> {
  return recipientsFromEnv('REPORT_RECIPIENTS', DEFAULT_REPORT_RECIPIENTS, env);
}

/** Each key's recipients, overridden by `<PREFIX>_<KEY>=a,b` where set (usernames or addresses). */
export function recipientsFromEnv<K extends string>(
  prefix: string,
  defaults: Readonly<Record<K, readonly string[]>>,
  env: NodeJS.ProcessEnv,
): Record<K, readonly string[]> {
  const result: Record<K, readonly string[]> = { ...defaults };
  for (const key of Object.keys(result) as K[]) {
    const value = env[`${prefix}_${key.toUpperCase()}`];
    if (value)
      result[key] = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
  }
  return result;
}

/** Where the worker's specs have always found it; it lives beside the approved versions now. */
export { reportAggregateId };

export interface ReportActivityDeps {
  readonly dataSource: DataSource;
  readonly events: EventStore;
  readonly mailer: Mailer;
  readonly units: readonly ReportUnit[];
  readonly organisation: string;
  readonly recipients?: Readonly<Record<ScheduledReportKind, readonly string[]>>;
  /** The boards each get their own copy of a report (ADR 0030); the organisation file by default. */
  readonly boards?: Organisation;
  readonly clock?: () => Date;
}

/** The archive key of one board's copy of a report: the period's key and the board. */
export function boardReportKey(key: string, boardId: string): string {
  return `${key}@${boardId}`;
}

/**
 * Which report each recipient is mailed (ADR 0030): a user who serves some of the boards gets their
 * boards' copies; an address configured by drift, a user serving every board or an installation with
 * one board, the report of the whole installation.
 */
export function reportCopiesFor(
  key: string,
  to: readonly string[],
  org: Organisation,
): Map<string, string[]> {
  const copies = new Map<string, string[]>();
  const add = (reportKey: string, recipient: string) =>
    copies.set(reportKey, [...(copies.get(reportKey) ?? []), recipient]);
  for (const recipient of to) {
    const user = recipient.includes('@') ? undefined : org.findUser(recipient.toLowerCase());
    const boards = user ? org.boardsOf(user) : [];
    if (org.boards.length < 2 || !user || boards.length === org.boards.length) add(key, recipient);
    else for (const board of boards) add(boardReportKey(key, board), recipient);
  }
  return copies;
}

function boardOrganisationName(org: Organisation, boardId: string): string {
  const name = org.board(boardId)?.name ?? boardId;
  return `${org.municipality}, ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}

async function compose(
  service: ReportService,
  kind: ScheduledReportKind,
  period: GenerateReportRequest['period'],
  now: Date,
): Promise<ComposedReport<unknown>> {
  const from = new Date(period.from);
  const to = new Date(period.to);
  switch (kind) {
    case 'weekly_digest':
      return service.weeklyDigest(period.key.slice(kind.length + 1), now);
    case 'patientsakerhetsberattelse':
    case 'kvalitetsberattelse':
      return service.berattelse(kind, Number(period.key.slice(kind.length + 1)), now);
    case 'annual_report':
    case 'ledningssystem_review': {
      const year = Number(period.key.slice(kind.length + 1));
      return service.periodReport(kind, period.label, from, to, now, [
        { label: String(year - 1), ...yearRange(year - 1) },
      ]);
    }
    case 'meeting_report':
    case 'quarterly_statistics':
    case 'tertial_report':
      return service.periodReport(kind, period.label, from, to, now);
  }
}

/**
 * The scheduled report runs' side effects (architecture.md: activities are the only side effects).
 * Each is idempotent: the archive keeps one report per period (a re-run replaces it), the
 * `ReportGenerated` event is appended once per workflow run, and a mail key is sent once.
 */
export function createReportActivities(deps: ReportActivityDeps): ReportActivities {
  const clock = deps.clock ?? (() => new Date());
  const service = new ReportService({
    db: deps.dataSource,
    units: deps.units,
    organisation: deps.organisation,
  });
  const recipients = deps.recipients ?? DEFAULT_REPORT_RECIPIENTS;
  const org = deps.boards ?? loadOrganisation();
  const archiveCopies = async (period: GenerateReportRequest['period'], workflowId: string, now: Date) => {
    if (org.boards.length < 2) return;
    for (const board of org.boards) {
      const scoped = service.forUnits(org.unitsOfBoards([board.id]), boardOrganisationName(org, board.id));
      const composed = await compose(scoped, period.kind, period, now);
      await reportArchive.save(deps.dataSource, {
        key: boardReportKey(period.key, board.id),
        label: `${period.label}, ${board.name}`,
        from: period.from,
        to: period.to,
        data: composed.data,
        document: composed.document,
        html: renderReportHtml(composed.document),
        pdf: await renderReportPdf(composed.document),
        workflowId,
      });
    }
  };

  return {
    async generateScheduledReport({
      period,
      workflowId,
      runId,
    }: GenerateReportRequest): Promise<GeneratedReport> {
      const now = clock();
      let composed: ComposedReport<unknown>;
      try {
        composed = await compose(service, period.kind, period, now);
      } catch (error) {
        if (error instanceof RangeError) throw ApplicationFailure.nonRetryable(error.message, 'ReportFailed');
        throw error;
      }
      const document: ReportDocument = composed.document;
      const [html, pdf] = [renderReportHtml(document), await renderReportPdf(document)];
      const archived = await reportArchive.save(deps.dataSource, {
        key: period.key,
        label: period.label,
        from: period.from,
        to: period.to,
        data: composed.data,
        document,
        html,
        pdf,
        workflowId,
      });
      await archiveCopies(period, workflowId, now);
      const aggregateId = reportAggregateId(period.key);
      const history = await deps.events.load(aggregateId);
      if (history.some((e) => e.type === 'ReportGenerated' && e.data['runId'] === runId)) {
        return {
          key: period.key,
          label: period.label,
          generation: archived.generation,
          eventAppended: false,
        };
      }
      await deps.events.append({
        aggregateType: 'report',
        aggregateId,
        expectedVersion: history.length,
        events: [
          {
            type: 'ReportGenerated',
            data: {
              reportKey: period.key,
              kind: period.kind,
              label: period.label,
              from: period.from,
              to: period.to,
              generation: archived.generation,
              generatedAt: document.generatedAt,
              workflowId,
              runId,
              sections: document.sections.length,
            },
            occurredAt: now,
          },
        ],
        metadata: { actor: 'system', correlationId: workflowId, causationId: runId },
      });
      return { key: period.key, label: period.label, generation: archived.generation, eventAppended: true };
    },

    async mailScheduledReport({ key, kind, label }: MailReportRequest) {
      const copies = reportCopiesFor(key, recipients[kind], org);
      let duplicate = true;
      for (const [reportKey, to] of copies) {
        const rows: { document: ReportDocument; html: string; pdf: Buffer }[] = await deps.dataSource.query(
          `SELECT document, html, pdf FROM generated_reports WHERE report_key = $1`,
          [reportKey],
        );
        const report = rows[0];
        if (!report)
          throw ApplicationFailure.nonRetryable(
            `Rapporten ${reportKey} finns inte i arkivet`,
            'ReportFailed',
          );
        const result = await deps.mailer.send({
          key: `report-mail:${copies.size === 1 ? key : reportKey}`,
          to,
          subject: report.document.title,
          text: `${report.document.title}\n${report.document.organisation}\nPeriod: ${report.document.periodLabel}\n\nRapporten finns som PDF i bilagan och i Kvalitetsledning under Rapporter (${label}).\nInnehåller inga namn, personnummer eller fritext ur ärenden.`,
          html: report.html,
          attachments: [
            {
              filename: `${key.replace(/[^a-z0-9-]+/gi, '-')}.pdf`,
              contentType: 'application/pdf',
              content: report.pdf,
            },
          ],
        });
        duplicate &&= result.duplicate;
      }
      return { duplicate, recipients: [...recipients[kind]] };
    },

    async sendReportReminder({ key, kind, label, dueDate }: ReportReminderRequest) {
      const to = REMINDER_RECIPIENTS[kind] ?? recipients[kind];
      const what =
        kind === 'patientsakerhetsberattelse' ? 'Patientsäkerhetsberättelsen' : 'Kvalitetsberättelsen';
      const due = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Stockholm',
        dateStyle: 'long',
      }).format(new Date(dueDate));
      const result = await deps.mailer.send({
        key,
        to,
        subject: `Påminnelse: ${what} för ${label} ska vara klar senast ${due}`,
        text: `${what} för ${label} ska vara upprättad senast ${due} (PSL 3 kap. 10 §). Utkastet med årets siffror finns i Kvalitetsledning; analysen i de markerade avsnitten skrivs av ansvarig.`,
      });
      return { duplicate: result.duplicate, recipients: [...to] };
    },
  };
}
