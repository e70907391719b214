import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CaseActor, CaseAggregateState } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  CaseCommandService,
  CASE_PERSONAL_FIELD_PATHS,
  splitPersonalData,
  type CaseCommandInput,
} from '@kvalitet/persistence';
import {
  allowedCaseCommands,
  caseVisibilityFilter,
  classifyOptions,
  type CaseCommandName,
  type CaseFacts,
} from '../access/access-policy';
import type { Principal } from '../access/principal';
import { showsText, textDisclosure, type TextDisclosure } from '../access/protected-identity-policy';
import { AccessLogService } from '../audit/access-log.service';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { PersonChecks } from '../users/person-checks';
import { caseFactsOf, type LoadedCase } from './case-access.service';
import { caseListWhere } from './case-list.query';
import { personnummerWarnings, type TextWarning } from './personnummer-warnings';
import { buildCaseView, buildEventViews, type CaseEventView, type CaseView } from './case-view';
import { withErasedTitles } from './records-view';
import type { CaseCommandDto } from './dto/case-command.dto';
import type { CaseListDto, CaseListItemDto, CaseListQueryDto } from './dto/case-list.dto';
import type { ReportCaseDto } from './dto/report-case.dto';
import { mayReadFullPersonRef, personRefFor, storablePersonRef } from './person-ref-disclosure';

interface CaseListRow {
  id: string;
  case_number: string;
  type: string;
  stage: string;
  unit_id: string;
  channel: string;
  unclassified: boolean;
  category: string | null;
  reported_at: Date;
  occurred_at: Date | null;
  assignee: string | null;
  next_due_at: Date | null;
  missed_deadlines: number;
  version: number;
  closed_at: Date | null;
  late_report: boolean;
  protected_identity: boolean;
  erased_at: string | null;
  overdue: boolean;
  total: string;
}

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

function actorOf(principal: Principal): CaseActor {
  return { username: principal.username, roles: [...principal.roles] };
}

/** The case use cases of the api; controllers only translate HTTP to these calls. */
@Injectable()
export class CasesService {
  constructor(
    private readonly commands: CaseCommandService,
    private readonly accessLog: AccessLogService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly people: PersonChecks,
  ) {}

  /** Events and outbox rows are committed when this returns (one transaction in CaseCommandService). */
  async report(
    principal: Principal,
    body: ReportCaseDto,
    info: RequestInfo,
    caseId?: string,
  ): Promise<CaseView & { warnings?: TextWarning[] }> {
    const personRef = storablePersonRef(body.personRef);
    const { state, events } = await createOnce({
      idempotentId: caseId,
      load: (id) => this.commands.load(id),
      create: () =>
        this.commands.report(
          {
            type: body.type,
            unitId: body.unitId,
            description: body.description,
            channel: body.channel ?? 'staff_form',
            ...(body.occurredAt === undefined ? {} : { occurredAt: body.occurredAt }),
            ...(body.reportedAt === undefined ? {} : { reportedAt: body.reportedAt }),
            ...(body.awareAt === undefined ? {} : { awareAt: body.awareAt }),
            ...(body.respondBy === undefined ? {} : { respondBy: body.respondBy }),
            ...(body.protectedIdentity === true ? { protectedIdentity: true } : {}),
            ...(body.immediateActions === undefined ? {} : { immediateActions: body.immediateActions }),
            ...(body.onBehalfOf === undefined
              ? {}
              : {
                  onBehalfOf: {
                    name: body.onBehalfOf.name,
                    ...(body.onBehalfOf.contact === undefined ? {} : { contact: body.onBehalfOf.contact }),
                  },
                }),
            ...(personRef === undefined ? {} : { personRef }),
            reporter: { username: principal.username, name: principal.name },
          },
          actorOf(principal),
          { requestId: info.requestId, ...(caseId === undefined ? {} : { caseId }) },
        ),
    });
    // The answer to a report is not a read of the case: an identity number in it is masked for all.
    return {
      ...this.view(principal, state, events, { fullPersonRef: false }),
      ...personnummerWarnings({
        description: body.description,
        immediateActions: body.immediateActions,
        'onBehalfOf.name': body.onBehalfOf?.name,
        'onBehalfOf.contact': body.onBehalfOf?.contact,
      }),
    };
  }

  /**
   * `reason` (already checked, 3..500 characters) opens the free text of a protected case to those
   * who may read it (ADR 0029); it is written to the access log with the read, whoever gave it.
   */
  async detail(
    principal: Principal,
    loaded: LoadedCase,
    info: RequestInfo,
    reason?: string,
  ): Promise<CaseView> {
    await this.accessLog.record(principal, loaded.state.id, 'read_case', info.route, info.requestId, reason);
    return this.view(principal, loaded.state, loaded.events, { reason });
  }

  async events(
    principal: Principal,
    loaded: LoadedCase,
    info: RequestInfo,
    reason?: string,
  ): Promise<CaseEventView[]> {
    await this.accessLog.record(
      principal,
      loaded.state.id,
      'read_events',
      info.route,
      info.requestId,
      reason,
    );
    const disclosure = disclosureOf(principal, loaded.state, loaded.facts, reason);
    const views = buildEventViews(
      withErasedTitles(showsText(disclosure) ? loaded.events : withoutPersonalData(loaded.events)),
    );
    return views.map(maskedEventPersonRef);
  }

  async execute(
    principal: Principal,
    loaded: LoadedCase,
    name: CaseCommandName,
    body: CaseCommandDto,
    info: RequestInfo,
  ): Promise<CaseView> {
    const { expectedVersion, ...data } = body as CaseCommandDto & Record<string, unknown>;
    if (name === 'assign')
      await this.people.caseAssignee(data['assignee'], loaded.facts, principal, 'assignee');
    if (name === 'add-action')
      await this.people.unitWorker(data['owner'], loaded.facts.unitId, principal, 'owner');
    if (name === 'add-action' && Array.isArray(data['causes']))
      assertInvestigationCauses(loaded.events, data['causes'] as string[]);
    const command = {
      type: name,
      actor: actorOf(principal),
      data: name === 'add-action' ? { ...data, actionId: randomUUID() } : data,
    } as CaseCommandInput;
    const result = await this.commands.execute(loaded.state.id, command, {
      requestId: info.requestId,
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
    const first = result.events[0];
    const history =
      first === undefined
        ? loaded.events
        : first.version === loaded.events.length + 1
          ? [...loaded.events, ...result.events]
          : (await this.commands.load(loaded.state.id)).events;
    await this.accessLog.record(principal, loaded.state.id, `command:${name}`, info.route, info.requestId);
    return this.view(principal, result.state, history);
  }

  /**
   * The case list carries no free text and no names (api.md v1.1, DATA-5): `q` may match the
   * description here, but only the case's number, type, unit, stage, dates and deadline state leave
   * the api; the text is read on the case, which is logged. A search with `q` is itself logged, with
   * its query and the number of hits, before the answer is sent.
   */
  async list(principal: Principal, query: CaseListQueryDto, info: RequestInfo): Promise<CaseListDto> {
    const visibility = caseVisibilityFilter(principal, ORGANISATION);
    if (!visibility)
      throw ApiProblem.forbidden(
        'Din roll ger inte tillgång till ärendelistan, bara till sammanställningar.',
      );
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const now = new Date();
    const where = caseListWhere(visibility, query, ORGANISATION, now);
    const n = where.values.length;
    const rows: CaseListRow[] = await this.dataSource.query(
      `SELECT id, case_number, type, stage, unit_id, channel, unclassified, category, reported_at, occurred_at, assignee,
              next_due_at, missed_deadlines, version, closed_at, (state->>'lateReport')::boolean IS TRUE AS late_report, state->>'erasedAt' AS erased_at,
              (state->>'protectedIdentity')::boolean IS TRUE AS protected_identity,
              ((next_due_at IS NOT NULL AND next_due_at < $${n + 1}::timestamptz) OR missed_deadlines > 0) AS overdue,
              count(*) OVER () AS total
         FROM rm_cases ${where.text}
        ORDER BY reported_at DESC, case_number DESC
        LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...where.values, now.toISOString(), pageSize, (page - 1) * pageSize],
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (rows.length === 0 && page > 1) {
      const counted: { count: string }[] = await this.dataSource.query(
        `SELECT count(*) FROM rm_cases ${where.text}`,
        where.values,
      );
      total = Number(counted[0]?.count ?? 0);
    }
    if (isSearch(query))
      await this.accessLog.recordSearch(
        principal,
        { query: query.q, hits: total },
        info.route,
        info.requestId,
      );
    return { items: rows.map(toListItem), total, page, pageSize };
  }

  /**
   * The case as this caller sees it: its commands, `personRef` per person-ref-disclosure.ts, and on a
   * case with protected identity the free text only for its few readers with a reason (ADR 0029).
   */
  view(
    principal: Principal,
    state: CaseAggregateState,
    events: readonly EventEnvelope[],
    options: { fullPersonRef?: false; reason?: string } = {},
  ): CaseView {
    const facts = caseFactsOf(state, events);
    const disclosure = disclosureOf(principal, state, facts, options.reason);
    const commands = {
      allowedCommands: allowedCaseCommands(principal, facts, ORGANISATION),
      classifyOptions: classifyOptions(principal, facts),
    };
    if (!showsText(disclosure)) {
      const view = buildCaseView(state, withoutPersonalData(events));
      return {
        ...view,
        ...commands,
        description: null,
        immediateActions: null,
        onBehalfOf: null,
        personRef: null,
        contact: null,
        closingSummary: null,
        personalDataWithheld: true,
        reasonRequired: disclosure.kind === 'reason_required',
      };
    }
    const view = buildCaseView(state, events);
    const full = options.fullPersonRef !== false && mayReadFullPersonRef(principal, facts);
    return { ...view, ...commands, personRef: personRefFor(view.personRef, full) };
  }
}

function disclosureOf(
  principal: Principal,
  state: CaseAggregateState,
  facts: CaseFacts,
  reason: string | undefined,
): TextDisclosure {
  return textDisclosure(principal, facts, state.protectedIdentity === true, reason);
}

/**
 * The free text of events: ADR 0002's personal fields of a case, action titles included (an action
 * recorded before they were moved still carries its title in the event row, and it is withheld too).
 */
const WITHHELD_FIELD_PATHS: readonly string[] = CASE_PERSONAL_FIELD_PATHS;

/** The events without their free text, for a reader who may not see it (ADR 0029). */
function withoutPersonalData(events: readonly EventEnvelope[]): EventEnvelope[] {
  return events.map((event) => ({
    ...event,
    data: splitPersonalData(event.data, WITHHELD_FIELD_PATHS).stripped,
  }));
}

/** The history shows `personRef` masked to everyone; the full reference is read on the case. */
function maskedEventPersonRef(event: CaseEventView): CaseEventView {
  const personRef = event.data['personRef'];
  if (typeof personRef !== 'string') return event;
  return { ...event, data: { ...event.data, personRef: personRefFor(personRef, false) } };
}

function isSearch(query: CaseListQueryDto): query is CaseListQueryDto & { q: string } {
  return query.q !== undefined && query.q.trim() !== '';
}

function toListItem(row: CaseListRow): CaseListItemDto {
  return {
    id: row.id,
    caseNumber: row.case_number,
    type: row.type,
    stage: row.stage,
    unitId: row.unit_id,
    channel: row.channel,
    unclassified: row.unclassified,
    category: row.category,
    reportedAt: iso(row.reported_at)!,
    occurredAt: iso(row.occurred_at),
    assignee: row.assignee,
    nextDueAt: iso(row.next_due_at),
    missedDeadlines: row.missed_deadlines,
    overdue: row.overdue,
    version: row.version,
    closedAt: iso(row.closed_at),
    lateReport: row.late_report,
    protectedIdentity: row.protected_identity,
    erasedAt: row.erased_at,
  };
}

/**
 * An action linked to causes names causes the case's latest investigation recorded (IMP, ADR 0007);
 * before any investigation the decider refuses it (409).
 */
function assertInvestigationCauses(events: readonly EventEnvelope[], causes: readonly string[]): void {
  const investigation = [...events].reverse().find((event) => event.type === 'InvestigationRecorded');
  if (!investigation) return;
  const recorded = Array.isArray(investigation.data['causes'])
    ? (investigation.data['causes'] as unknown[]).map(String)
    : [];
  const unknown = causes.map((cause) => cause.trim()).filter((cause) => !recorded.includes(cause));
  if (unknown.length > 0) {
    throw ApiProblem.validation([
      {
        field: 'causes',
        code: 'CAUSE_NOT_RECORDED',
        message: `Orsakerna måste vara sådana som utredningen registrerat. Okända: ${unknown.join(', ')}`,
      },
    ]);
  }
}
