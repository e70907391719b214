import type { ReportPeriod, ScheduledReportKind } from '@kvalitet/domain';

/** The activity contract of the scheduled report runs; `apps/worker` implements it (`createReportActivities`). */
export interface GenerateReportRequest {
  readonly period: ReportPeriod;
  readonly workflowId: string;
  readonly runId: string;
}

export interface GeneratedReport {
  readonly key: string;
  readonly label: string;
  /** 1 for the first run of the period, 2 after a re-run replaced it, … */
  readonly generation: number;
  readonly eventAppended: boolean;
}

export interface MailReportRequest {
  readonly key: string;
  readonly kind: ScheduledReportKind;
  readonly label: string;
}

export interface ReportReminderRequest {
  /** Idempotency key of the reminder mail. */
  readonly key: string;
  readonly kind: ScheduledReportKind;
  readonly label: string;
  readonly dueDate: string;
}

export interface ReportActivities {
  generateScheduledReport(request: GenerateReportRequest): Promise<GeneratedReport>;
  mailScheduledReport(
    request: MailReportRequest,
  ): Promise<{ readonly duplicate: boolean; readonly recipients: readonly string[] }>;
  sendReportReminder(
    request: ReportReminderRequest,
  ): Promise<{ readonly duplicate: boolean; readonly recipients: readonly string[] }>;
}

export const REPORT_ACTIVITY_ERRORS = {
  /** The period's figures cannot be computed (a bug or a broken read model): see the message. */
  reportFailed: 'ReportFailed',
} as const;
