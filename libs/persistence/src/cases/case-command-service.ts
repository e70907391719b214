import { randomUUID } from 'node:crypto';
import {
  caseNumberPrefix,
  caseRefusal,
  decideCase,
  reverseCaseLinkRelation,
  isCaseSystemCommand,
  formatCaseNumber,
  heldDelegations,
  LATE_REPORT_TYPES,
  policyDurationOf,
  rebuildCase,
  stockholmLocalParts,
  type CaseActor,
  type CaseAggregateState,
  type CaseCommand,
  type CaseEvent,
  type CaseLinkRequestRelation,
  type DeadlinePolicy,
  type DelegationItem,
  type BoardMeeting,
  type ReportCaseData,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EntityManager } from 'typeorm';
import {
  acceptedEvents,
  AggregateCommandService,
  commandMetadata,
  retryOnVersionConflict,
  toDomainEvents,
  type AggregateStream,
} from '../aggregates/aggregate-command-service';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { escalatedFacts, type EscalateInput } from './case-links';
import type { EventStore } from '../event-store/event-store';
import { DelegationRegisterRepository } from '../policy/delegation-register-repository';
import { PolicyRepository } from '../policy/policy-repository';
import { BoardMeetingRepository } from '../policy/board-meeting-repository';
import { CaseRefusedError } from './case-refused.error';
import { lazySources, type CaseWorkSources } from './case-work-writer';
import { withImpliedWork } from './implied-case-work';
import { KeyedBatcher, settleEach, type Settled } from './keyed-batcher';

export type CaseCommandInput = Exclude<CaseCommand, { type: 'report' }>;

export interface CaseCommandResult {
  state: CaseAggregateState;
  events: EventEnvelope[];
}

/** A command that wrote two cases (a link, an escalation): the case it was given on, and the other. */
export interface CaseLinkResult extends CaseCommandResult {
  other: CaseCommandResult;
}

const CASE_NOT_FOUND = caseRefusal('NOT_FOUND', 'CASE_NOT_FOUND', 'Ärendet finns inte.');

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

type ReportInput = Omit<ReportCaseData, 'caseId' | 'caseNumber' | 'lateReportAfter'>;

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

/** The commands a delegation of the register may be needed for (api.md v1.1 "Delegation register"). */
const DELEGATED_COMMANDS: ReadonlySet<CaseCommand['type']> = new Set(['decide', 'report-to-ivo', 'classify']);

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

  /** The delegation register's items in force (AUD-6, ADR 0023); the one source of who decides. */
  readonly delegations: () => Promise<readonly DelegationItem[]>;

  /** The nämnd's meetings: the `board_information` deadline falls at the next one (DL-6). */
  readonly boardMeetings: () => Promise<readonly BoardMeeting[]>;

  /**
   * `policy` is where the due dates of implied deadlines come from (DL-0: the policy in force when
   * the deadline starts); by default the organisation's versioned policy in the same store. Likewise
   * `delegations`, the delegation register.
   */
  constructor(
    store: EventStore,
    clock: () => Date = () => new Date(),
    policy?: () => Promise<DeadlinePolicy>,
    delegations?: () => Promise<readonly DelegationItem[]>,
    boardMeetings?: () => Promise<readonly BoardMeeting[]>,
  ) {
    super(CASE_STREAM, store, clock);
    const repository = policy ? null : new PolicyRepository(store);
    this.policy = policy ?? (() => repository!.current());
    const register = delegations ? null : new DelegationRegisterRepository(store);
    this.delegations = delegations ?? (async () => (await register!.current()).items);
    const calendar = boardMeetings ? null : new BoardMeetingRepository(store);
    this.boardMeetings = boardMeetings ?? (async () => (await calendar!.current()).meetings);
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
    // DL-2: whether the report is late is judged by the policy in force (read only when it can be).
    const lateReportAfter =
      data.occurredAt !== undefined && LATE_REPORT_TYPES.includes(data.type)
        ? policyDurationOf(await this.policy(), 'late_report_after')
        : undefined;
    // The decision never depends on the number: decided once with a stand-in, so a refused report
    // takes no number, and the allocated number is filled in when the batch is written.
    const decision = decideCase(
      {
        type: 'report',
        actor,
        data: {
          ...data,
          caseId,
          caseNumber: formatCaseNumber(prefix, year, 1),
          ...(lateReportAfter === undefined ? {} : { lateReportAfter }),
        },
      },
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
    // The decider checks the delegation last (after its stage checks), so the caller's delegations
    // of the day are resolved here, once, from the register read before the case (AUD-6); the
    // implied work (the decide task's delegate) reads the same register read.
    const sources = this.workSources();
    const register = DELEGATED_COMMANDS.has(command.type) ? await sources.delegations() : null;
    // The process manager's own commands imply nothing more; a person's command records the
    // deadlines and tasks it implies with its own events (ADR 0021).
    return this.handle(
      caseId,
      command.actor.username,
      (state, now) =>
        decideCase(
          register === null
            ? command
            : { ...command, delegations: heldDelegations(register, command.actor, now) },
          state,
          now,
        ),
      context,
      isCaseSystemCommand(command.type)
        ? undefined
        : (loaded, decide) => withImpliedWork({ ...loaded, caseId: loaded.id, sources }, decide),
    );
  }

  /**
   * Links two cases (api.md v1.1 `link`): each records its side, the other with the reverse relation,
   * in one transaction and one statement, each at the version it was decided on (a concurrent writer
   * of either is a VersionConflictError, retried without the caller's expectedVersion). A side that
   * has the link already writes nothing, so a repeated link writes nothing at all.
   */
  async link(
    caseId: string,
    otherId: string,
    relation: CaseLinkRequestRelation,
    actor: CaseActor,
    context: CaseCommandContext = {},
  ): Promise<CaseLinkResult> {
    return retryOnVersionConflict(
      () =>
        this.store.transaction(async (manager) => {
          const here = await this.loadCase(caseId, manager, context.expectedVersion);
          const there = await this.loadCase(otherId, manager);
          const now = this.clock();
          const hereEvents = acceptedEvents(
            decideCase(
              {
                type: 'link',
                actor,
                data: { caseId: there.state.id, caseNumber: there.state.caseNumber, relation },
              },
              here.state,
              now,
            ),
          );
          const thereEvents = acceptedEvents(
            decideCase(
              {
                type: 'link',
                actor,
                data: {
                  caseId: here.state.id,
                  caseNumber: here.state.caseNumber,
                  relation: reverseCaseLinkRelation(relation),
                },
              },
              there.state,
              now,
            ),
          );
          const [hereAppended, thereAppended] = await this.appendBoth(
            manager,
            actor.username,
            context,
            [here, hereEvents],
            [there, thereEvents],
          );
          return {
            ...this.after(here, hereAppended),
            other: this.after(there, thereAppended),
          };
        }),
      { expectedVersion: context.expectedVersion },
    );
  }

  /**
   * "Eskalera till lex Sarah / lex Maria" (LC-2): reports a new case of `toType` in the deviation's
   * unit, by the caller, with the deviation's reported facts, linked `led_from` the deviation, which
   * records `led_to` and stays as it is. One transaction: the new case's events with the deadlines and
   * tasks its report implies (ADR 0021) and its gap-free number (ADR 0010), then the deviation's side.
   * The new case's id is `context.caseId` when the caller chose it (an Idempotency-Key's claim): a
   * second escalation under it fails with VersionConflictError, as a second report would.
   */
  async escalate(
    caseId: string,
    input: EscalateInput,
    actor: CaseActor,
    context: CaseCommandContext = {},
  ): Promise<CaseLinkResult> {
    const newId = context.caseId ?? randomUUID();
    const sources = this.workSources();
    return retryOnVersionConflict(
      () =>
        this.store.transaction(async (manager) => {
          const original = await this.loadCase(caseId, manager, context.expectedVersion);
          const now = this.clock();
          const prefix = caseNumberPrefix(input.toType);
          const year = stockholmYear(now);
          const lateReportAfter = LATE_REPORT_TYPES.includes(input.toType)
            ? policyDurationOf(await sources.policy(), 'late_report_after')
            : undefined;
          // Decided first with a stand-in number, so a refused escalation takes no number.
          const escalation = (newCaseNumber: string) =>
            acceptedEvents(
              decideCase(
                {
                  type: 'escalate',
                  actor,
                  data: { toType: input.toType, rationale: input.rationale, newCaseId: newId, newCaseNumber },
                },
                original.state,
                now,
              ),
            );
          escalation(formatCaseNumber(prefix, year, 1));
          const reportedEvents = acceptedEvents(
            decideCase(
              {
                type: 'report',
                actor,
                data: {
                  caseId: newId,
                  caseNumber: formatCaseNumber(prefix, year, 1),
                  type: input.toType,
                  unitId: original.state.unitId,
                  channel: 'staff_form',
                  reporter: input.reporter,
                  ...escalatedFacts(original.history),
                  // DL-2: reported in time as a deviation is in time; the escalation is the board's step.
                  firstReportedAt: original.state.reportedAt,
                  ...(lateReportAfter === undefined ? {} : { lateReportAfter }),
                },
              },
              null,
              now,
            ),
          );
          const events = await withImpliedWork(
            { caseId: newId, history: [], state: null, now, sources },
            () => {
              const reported = rebuildCase(reportedEvents);
              return [
                ...reportedEvents,
                ...acceptedEvents(
                  decideCase(
                    {
                      type: 'link',
                      actor,
                      data: {
                        caseId: original.state.id,
                        caseNumber: original.state.caseNumber,
                        relation: 'led_from',
                        rationale: input.rationale,
                      },
                    },
                    reported,
                    now,
                  ),
                ),
              ];
            },
          );
          const [created] = await this.store.appendMany(
            [
              {
                aggregateType: 'case',
                aggregateId: newId,
                expectedVersion: 0,
                metadata: commandMetadata(actor.username, context),
                events: events.map((e) => ({
                  type: e.type,
                  data: e.data as unknown as Record<string, unknown>,
                })),
              },
            ],
            manager,
            { prefix, year, numberedEventType: 'CaseReported' },
          );
          const escalated = rebuildCase(toDomainEvents<CaseEvent>(created!));
          if (!escalated) throw new Error(`case ${newId} has no state after append`);
          const originalAppended = await this.store.append(
            {
              aggregateType: 'case',
              aggregateId: original.state.id,
              expectedVersion: original.state.version,
              metadata: commandMetadata(actor.username, context),
              events: escalation(escalated.caseNumber).map((e) => ({
                type: e.type,
                data: e.data as unknown as Record<string, unknown>,
              })),
            },
            manager,
          );
          return {
            state: escalated,
            events: created!,
            other: this.after(original, originalAppended),
          };
        }),
      { expectedVersion: context.expectedVersion },
    );
  }

  /** The settings implied work reads, each at most once for the call that takes them. */
  private workSources(): CaseWorkSources {
    return lazySources({
      policy: this.policy,
      delegations: this.delegations,
      boardMeetings: this.boardMeetings,
    });
  }

  /** A case in the command's transaction; a stale expectedVersion is a VersionConflictError (409). */
  private async loadCase(
    caseId: string,
    manager: EntityManager,
    expectedVersion?: number,
  ): Promise<{ state: CaseAggregateState; history: EventEnvelope[] }> {
    const history = await this.store.load(caseId, manager);
    const state = this.rebuild(history);
    if (state === null) throw new CaseRefusedError(CASE_NOT_FOUND);
    if (expectedVersion !== undefined && state.version !== expectedVersion)
      throw new VersionConflictError(caseId, expectedVersion);
    return { state, history };
  }

  /**
   * Both sides of a link in one statement, in the order of their ids: two links of the same pair
   * given from opposite ends insert in the same order, so one waits for the other instead of both
   * deadlocking.
   */
  private async appendBoth(
    manager: EntityManager,
    actor: string,
    context: CaseCommandContext,
    ...sides: [
      [{ state: CaseAggregateState }, readonly CaseEvent[]],
      [{ state: CaseAggregateState }, readonly CaseEvent[]],
    ]
  ): Promise<[EventEnvelope[], EventEnvelope[]]> {
    const requests = sides.map(([loaded, events]) => ({
      aggregateType: 'case' as const,
      aggregateId: loaded.state.id,
      expectedVersion: loaded.state.version,
      metadata: commandMetadata(actor, context),
      events: events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown> })),
    }));
    const ordered = [...requests].sort((a, b) => a.aggregateId.localeCompare(b.aggregateId));
    const appended = await this.store.appendMany(ordered, manager);
    const of = (request: (typeof requests)[number]) => appended[ordered.indexOf(request)]!;
    return [of(requests[0]!), of(requests[1]!)];
  }

  private after(
    loaded: { state: CaseAggregateState; history: readonly EventEnvelope[] },
    appended: EventEnvelope[],
  ): CaseCommandResult {
    if (appended.length === 0) return { state: loaded.state, events: [] };
    const state = this.rebuild([...loaded.history, ...appended]);
    if (!state) throw new CaseRefusedError(CASE_NOT_FOUND);
    return { state, events: appended };
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
    const sources = this.workSources();
    const now = this.clock();
    const requests = await Promise.all(
      reports.map(async (report) => ({
        aggregateType: 'case' as const,
        aggregateId: report.caseId,
        expectedVersion: 0,
        metadata: commandMetadata(report.actor.username, report.context),
        events: (
          await withImpliedWork(
            { caseId: report.caseId, history: [], state: null, now, sources },
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
