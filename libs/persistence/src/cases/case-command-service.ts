import { randomUUID } from 'node:crypto';
import {
  caseNumberPrefix,
  decideCase,
  isCaseSystemCommand,
  formatCaseNumber,
  rebuildCase,
  stockholmLocalParts,
  type CaseActor,
  type CaseAggregateState,
  type CaseCommand,
  type CaseEvent,
  type DeadlinePolicy,
  type ReportCaseData,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  AggregateCommandService,
  commandMetadata,
  toDomainEvents,
  type AggregateStream,
} from '../aggregates/aggregate-command-service';
import type { EventStore } from '../event-store/event-store';
import { PolicyRepository } from '../policy/policy-repository';
import { CaseRefusedError } from './case-refused.error';
import { lazyPolicy } from './case-work-writer';
import { withImpliedWork } from './implied-case-work';
import { KeyedBatcher, settleEach, type Settled } from './keyed-batcher';

export type CaseCommandInput = Exclude<CaseCommand, { type: 'report' }>;

export interface CaseCommandResult {
  state: CaseAggregateState;
  events: EventEnvelope[];
}

export interface CaseCommandContext {
  correlationId?: string;
  causationId?: string;
  requestId?: string;
  /**
   * A report's case id chosen by the caller (an Idempotency-Key's claim, ADR 0009): a second report
   * with the same id fails with VersionConflictError instead of making a second case.
   */
  caseId?: string;
  /** The caller's view of the case; a stale one is a VersionConflictError (409). */
  expectedVersion?: number;
}

/** Reports per case-number batch: one row lock, one allocation and one append statement for all. */
const MAX_REPORT_BATCH = 100;

type ReportInput = Omit<ReportCaseData, 'caseId' | 'caseNumber'>;

interface PendingReport {
  caseId: string;
  prefix: string;
  year: number;
  actor: CaseActor;
  context: CaseCommandContext;
  /**
   * The accepted report's events, decided with a stand-in number: the number never changes the
   * decision (decide-report.spec.ts), and the allocated one replaces it as the events are written.
   */
  decided: readonly CaseEvent[];
}

/**
 * The year in Sweden (UTC+1/+2) of an instant. Only in the last hours of 31 December UTC can it
 * differ from the UTC year, so the costly time-zone conversion runs only then.
 */
function stockholmYear(instant: Date): number {
  if (instant.getUTCMonth() === 11 && instant.getUTCDate() === 31) return stockholmLocalParts(instant).year;
  return instant.getUTCFullYear();
}

const CASE_STREAM: AggregateStream<CaseAggregateState, CaseEvent> = {
  aggregateType: 'case',
  rebuild: rebuildCase,
};

/**
 * The application service every writer of cases goes through (API, Temporal activities): the one
 * command service of every aggregate, with the case's two special parts. A person's command records
 * the deadlines and tasks it implies (ADR 0021). A report allocates its gap-free case number in the
 * same transaction as its events, together with the reports that arrived meanwhile (ADR 0010).
 */
export class CaseCommandService extends AggregateCommandService<CaseAggregateState, CaseEvent> {
  private readonly reports = new KeyedBatcher<PendingReport, CaseCommandResult>(
    (_key, reports) => this.writeReports(reports),
    MAX_REPORT_BATCH,
  );

  private readonly policy: () => Promise<DeadlinePolicy>;

  /**
   * `policy` is where the due dates of implied deadlines come from (DL-0: the policy in force when
   * the deadline starts); by default the organisation's versioned policy in the same store.
   */
  constructor(
    store: EventStore,
    clock: () => Date = () => new Date(),
    policy?: () => Promise<DeadlinePolicy>,
  ) {
    super(CASE_STREAM, store, clock);
    const repository = policy ? null : new PolicyRepository(store);
    this.policy = policy ?? (() => repository!.current());
  }

  async report(
    data: ReportInput,
    actor: CaseActor,
    context: CaseCommandContext = {},
  ): Promise<CaseCommandResult> {
    const now = this.clock();
    const reportedAt = data.reportedAt ? new Date(data.reportedAt) : now;
    const year = stockholmYear(Number.isNaN(reportedAt.getTime()) ? now : reportedAt);
    const prefix = caseNumberPrefix(data.type);
    const caseId = context.caseId ?? randomUUID();
    // The decision never depends on the number: decided once with a stand-in, so a refused report
    // takes no number, and the allocated number is filled in when the batch is written.
    const decision = decideCase(
      { type: 'report', actor, data: { ...data, caseId, caseNumber: formatCaseNumber(prefix, year, 1) } },
      null,
      now,
    );
    if (!decision.ok) throw new CaseRefusedError(decision.refusal);
    return this.reports.submit(`${prefix}-${year}`, {
      caseId,
      prefix,
      year,
      actor,
      context,
      decided: decision.events,
    });
  }

  /** A person's or the process manager's command on an existing case (one transaction). */
  async execute(
    caseId: string,
    command: CaseCommandInput,
    context: CaseCommandContext = {},
  ): Promise<CaseCommandResult> {
    // The process manager's own commands imply nothing more; a person's command records the
    // deadlines and tasks it implies with its own events (ADR 0021).
    return this.handle(
      caseId,
      command.actor.username,
      (state, now) => decideCase(command, state, now),
      context,
      isCaseSystemCommand(command.type)
        ? undefined
        : (loaded, decide) =>
            withImpliedWork({ ...loaded, caseId: loaded.id, policy: lazyPolicy(this.policy) }, decide),
    );
  }

  /**
   * Writes concurrent reports of one prefix and year in ONE statement: their numbers are allocated
   * together (the counter row is locked once per batch, and only while Postgres runs the statement)
   * and their events appended with them (EventStore.appendMany with numbering). If the batch fails,
   * each report is tried again on its own (settleEach), so one bad report fails alone; a failed
   * statement allocates nothing, so there are still no gaps.
   */
  private writeReports(reports: PendingReport[]): Promise<Settled<CaseCommandResult>[]> {
    return settleEach(reports, (batch) => this.appendReports(batch));
  }

  private async appendReports(reports: PendingReport[]): Promise<CaseCommandResult[]> {
    const { prefix, year } = reports[0]!;
    // One policy read for the batch: the deadlines and tasks each report implies go with it (ADR 0021).
    const policy = lazyPolicy(this.policy);
    const now = this.clock();
    const requests = await Promise.all(
      reports.map(async (report) => ({
        aggregateType: 'case' as const,
        aggregateId: report.caseId,
        expectedVersion: 0,
        metadata: commandMetadata(report.actor.username, report.context),
        events: (
          await withImpliedWork(
            { caseId: report.caseId, history: [], state: null, now, policy },
            () => report.decided,
          )
        ).map((e) => ({ type: e.type, data: e.data })),
      })),
    );
    const appended = await this.store.appendMany(requests, undefined, {
      prefix,
      year,
      numberedEventType: 'CaseReported',
    });
    return appended.map((events, index) => {
      const state = rebuildCase(toDomainEvents<CaseEvent>(events));
      if (!state) throw new Error(`case ${reports[index]!.caseId} has no state after append`);
      return { state, events };
    });
  }
}
