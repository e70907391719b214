import type { CaseAggregateState } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { statutoryStepsView, type StatutoryStepsView } from './statutory-steps-view';
import { recordsView, withErasedTitles, type RecordsView } from './records-view';

/**
 * What `GET /cases/{id}` and the commands answer: the decider's state (stage, deadlines, tasks,
 * version — strongly consistent, from the event store) plus the free text of the events, which the
 * state deliberately leaves out (ADR 0002). Erased personal data reads as `[raderad]`.
 */
export interface CaseDeadlineView {
  id: string;
  kind: string;
  dueAt: string;
  status: 'open' | 'met' | 'missed' | 'cancelled';
  policyVersion: number;
  actionId?: string;
  startedAt: string;
  metAt?: string;
  missedAt?: string;
  /** Met after it was missed (ADR 0009). */
  metLate?: boolean;
  cancelledAt?: string;
  escalationLevel: number;
}

export interface CaseTaskView {
  id: string;
  kind: string;
  assignee?: string;
  assigneeRole?: string;
  unitId: string;
  dueAt?: string;
  status: 'open' | 'done';
  createdAt: string;
  completedAt?: string;
  actionId?: string;
  deadlineId?: string;
}

export interface CaseActionView {
  id: string;
  title: string;
  level: string;
  owner: string;
  dueAt: string;
  status: string;
  addedAt: string;
  result?: string;
  completedAt?: string;
  followedUpAt?: string;
  effective?: boolean;
  /** The investigation's causes the action addresses. */
  causes?: string[];
}

/** A link to another case (api.md v1.1 `link`), with who made it and, for an escalation, why. */
export interface CaseLinkView {
  caseId: string;
  caseNumber: string;
  relation: string;
  by: string;
  at: string;
  /** The statutory type a deviation was escalated to (on the deviation's side). */
  escalatedTo?: string;
  rationale?: string;
}

export interface CaseView extends StatutoryStepsView, RecordsView {
  id: string;
  caseNumber: string;
  type: string;
  reportedType: string;
  stage: string;
  version: number;
  unitId: string;
  channel: string;
  unclassified: boolean;
  category: string | null;
  lagrum: string | null;
  /** What `annat` stands for in this case (issue 21); never in lists or statistics. */
  categoryText: string | null;
  lagrumText: string | null;
  reportedAt: string;
  registeredAt: string;
  occurredAt: string | null;
  /** Null when the text is withheld (protected identity, ADR 0029). */
  description: string | null;
  immediateActions: string | null;
  reporter: { username?: string; name?: string };
  onBehalfOf: { name: string; contact?: string } | null;
  personRef: string | null;
  kind: string | null;
  contact: { email?: string; phone?: string } | null;
  wantsAnswer: boolean | null;
  assignee: string | null;
  acknowledged: { by: string; at: string; note?: string } | null;
  investigationStartedAt: string | null;
  investigation: {
    seq: number;
    summary: string;
    causes: string[];
    deviationOccurred?: boolean;
    by: string;
    at: string;
  } | null;
  decision: {
    outcome: string;
    rationale: string;
    requiresIvoReport: boolean;
    /** The delegation of the register it was made under (lex Sarah, lex Maria; AUD-6). */
    delegation?: { decision: string; boardDecision: string | null };
    by: string;
    at: string;
  } | null;
  ivoReport: {
    ivoReference: string;
    reportedAt: string;
    delegation?: { decision: string; boardDecision: string | null };
    by: string;
  } | null;
  awareAt: string | null;
  breachAssessment: { notifiable: boolean; rationale: string; by: string; at: string } | null;
  imyReport: { reportedAt: string; imyReference: string | null; by: string } | null;
  /** Reported later than the policy's `late_report_after` (DL-2). */
  lateReport: boolean;
  /** An external finding: the issuer's date to answer by. */
  respondBy: string | null;
  /** The answers given (LC-4 step 7, DL-13), oldest first. */
  responses: {
    respondedAt: string;
    channel: string;
    summary: string;
    role: string;
    by: string;
    at: string;
  }[];
  closedAt: string | null;
  closingSummary: string | null;
  reopenCount: number;
  deadlines: CaseDeadlineView[];
  tasks: CaseTaskView[];
  actions: CaseActionView[];
  links: CaseLinkView[];
  allowedCommands?: string[];
  /** The person concerned has protected identity (DATA-2, ADR 0029). */
  protectedIdentity: boolean;
  /** The free text and names are left out of this answer (protected identity): see `reasonRequired`. */
  personalDataWithheld: boolean;
  /** Left out only for want of a reason: read again with `?reason=` to see them (the reason is logged). */
  reasonRequired: boolean;
  /** What `classify` may change for the caller (types to reclassify to, moving to another unit). */
  classifyOptions?: { types: string[]; moveUnit: boolean };
}

type Data = Record<string, unknown>;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return undefined;
}

function record(value: unknown): Data | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : undefined;
}

function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return [value]; // an erased list reads as ['[raderad]']
  return [];
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

interface FreeText {
  description: string;
  immediateActions: string | null;
  reporter: { username?: string; name?: string };
  onBehalfOf: { name: string; contact?: string } | null;
  personRef: string | null;
  kind: string | null;
  contact: { email?: string; phone?: string } | null;
  wantsAnswer: boolean | null;
  acknowledgementNote?: string;
  investigationSummary: string;
  causes: string[];
  decisionRationale: string;
  closingSummary: string | null;
  /** The answers' summaries as stored (erased ones read `[raderad]`). */
  responseSummaries: string[];
  actionTitles: Map<string, string>;
  actionCauses: Map<string, string[]>;
  actionResults: Map<string, string>;
}

function freeTextOf(events: readonly EventEnvelope[]): FreeText {
  const result: FreeText = {
    description: '',
    immediateActions: null,
    reporter: {},
    onBehalfOf: null,
    personRef: null,
    kind: null,
    contact: null,
    wantsAnswer: null,
    investigationSummary: '',
    causes: [],
    decisionRationale: '',
    closingSummary: null,
    responseSummaries: [],
    actionTitles: new Map(),
    actionCauses: new Map(),
    actionResults: new Map(),
  };
  for (const event of events) {
    const data = event.data as Data;
    switch (event.type) {
      case 'CaseReported': {
        result.description = text(data['description']) ?? '';
        result.immediateActions = text(data['immediateActions']) ?? null;
        const reporter = record(data['reporter']);
        result.reporter = defined({ username: text(reporter?.['username']), name: text(reporter?.['name']) });
        const onBehalfOf = data['onBehalfOf'];
        if (onBehalfOf !== undefined) {
          const o = record(onBehalfOf);
          result.onBehalfOf = o
            ? defined({ name: text(o['name']) ?? '', contact: text(o['contact']) })
            : { name: text(onBehalfOf) ?? '' };
        }
        result.personRef = text(data['personRef']) ?? null;
        result.kind = text(data['kind']) ?? null;
        const contact = data['contact'];
        if (contact !== undefined) {
          const c = record(contact);
          result.contact = c
            ? defined({ email: text(c['email']), phone: text(c['phone']) })
            : { email: text(contact) };
        }
        result.wantsAnswer = typeof data['wantsAnswer'] === 'boolean' ? data['wantsAnswer'] : null;
        break;
      }
      case 'CaseAcknowledged':
        result.acknowledgementNote = text(data['note']);
        break;
      case 'InvestigationRecorded':
        result.investigationSummary = text(data['summary']) ?? '';
        result.causes = texts(data['causes']);
        break;
      case 'CaseDecided':
        result.decisionRationale = text(data['rationale']) ?? '';
        break;
      case 'ActionAdded':
        result.actionTitles.set(String(data['actionId']), text(data['title']) ?? '');
        if (Array.isArray(data['causes']))
          result.actionCauses.set(String(data['actionId']), texts(data['causes']));
        break;
      case 'ActionCompleted':
        result.actionResults.set(String(data['actionId']), text(data['result']) ?? '');
        break;
      case 'CaseClosed':
        result.closingSummary = text(data['summary']) ?? null;
        break;
      case 'CaseResponded':
        result.responseSummaries.push(text(data['summary']) ?? '');
        break;
      case 'CaseReopened':
        result.closingSummary = null;
        break;
    }
  }
  return result;
}

export function buildCaseView(state: CaseAggregateState, events: readonly EventEnvelope[]): CaseView {
  const t = freeTextOf(withErasedTitles(events));
  return {
    id: state.id,
    caseNumber: state.caseNumber,
    type: state.type,
    reportedType: state.reportedType,
    stage: state.stage,
    version: state.version,
    unitId: state.unitId,
    channel: state.channel,
    unclassified: state.unclassified,
    category: state.category ?? null,
    lagrum: state.lagrum ?? null,
    categoryText: state.categoryText ?? null,
    lagrumText: state.lagrumText ?? null,
    reportedAt: state.reportedAt,
    registeredAt: state.registeredAt,
    occurredAt: state.occurredAt ?? null,
    description: t.description,
    immediateActions: t.immediateActions,
    reporter: t.reporter,
    onBehalfOf: t.onBehalfOf,
    personRef: t.personRef,
    kind: t.kind,
    contact: t.contact,
    wantsAnswer: t.wantsAnswer,
    assignee: state.assignee,
    acknowledged: state.acknowledged
      ? defined({ by: state.acknowledged.by, at: state.acknowledged.at, note: t.acknowledgementNote })
      : null,
    investigationStartedAt: state.investigationStartedAt,
    investigation: state.investigation
      ? defined({
          seq: state.investigation.seq,
          summary: t.investigationSummary,
          causes: t.causes,
          deviationOccurred: state.investigation.deviationOccurred,
          by: state.investigation.by,
          at: state.investigation.at,
        })
      : null,
    decision: state.decision
      ? {
          outcome: state.decision.outcome,
          rationale: t.decisionRationale,
          requiresIvoReport: state.decision.requiresIvoReport,
          ...(state.decision.delegation ? { delegation: state.decision.delegation } : {}),
          by: state.decision.by,
          at: state.decision.at,
        }
      : null,
    ivoReport: state.ivoReport
      ? {
          ivoReference: state.ivoReport.ivoReference,
          reportedAt: state.ivoReport.reportedAt,
          ...(state.ivoReport.delegation ? { delegation: state.ivoReport.delegation } : {}),
          by: state.ivoReport.by,
        }
      : null,
    awareAt: state.awareAt ?? null,
    breachAssessment: state.breachAssessment
      ? {
          notifiable: state.breachAssessment.notifiable,
          rationale: state.breachAssessment.rationale,
          by: state.breachAssessment.by,
          at: state.breachAssessment.at,
        }
      : null,
    imyReport: state.imyReport
      ? {
          reportedAt: state.imyReport.reportedAt,
          imyReference: state.imyReport.imyReference ?? null,
          by: state.imyReport.by,
        }
      : null,
    lateReport: state.lateReport === true,
    respondBy: state.respondBy ?? null,
    responses: (state.responses ?? []).map((r, i) => ({
      respondedAt: r.respondedAt,
      channel: r.channel,
      summary: t.responseSummaries[i] ?? '',
      role: r.role,
      by: r.by,
      at: r.at,
    })),
    ...statutoryStepsView(state, events),
    closedAt: state.closedAt,
    closingSummary: state.stage === 'closed' ? t.closingSummary : null,
    reopenCount: state.reopenCount,
    deadlines: Object.values(state.deadlines)
      .map((d) =>
        defined({
          id: d.id,
          kind: d.kind,
          dueAt: d.dueAt,
          status: d.status,
          policyVersion: d.policyVersion,
          actionId: d.actionId,
          startedAt: d.startedAt,
          metAt: d.metAt,
          missedAt: d.missedAt,
          metLate: d.status === 'met' ? d.metLate === true : undefined,
          cancelledAt: d.cancelledAt,
          escalationLevel: d.escalationLevel,
        }),
      )
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id)),
    tasks: Object.values(state.tasks)
      .map((task) =>
        defined({
          id: task.id,
          kind: task.kind,
          assignee: task.assignee,
          assigneeRole: task.assigneeRole,
          unitId: task.unitId,
          dueAt: task.dueAt,
          status: task.status,
          createdAt: task.createdAt,
          completedAt: task.completedAt,
          actionId: task.actionId,
          deadlineId: task.deadlineId,
        }),
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    actions: Object.values(state.actions)
      .map((action) =>
        defined({
          id: action.id,
          title: t.actionTitles.get(action.id) ?? '',
          level: action.level,
          owner: action.owner,
          dueAt: action.dueAt,
          status: action.status,
          addedAt: action.addedAt,
          result: t.actionResults.get(action.id),
          completedAt: action.completedAt,
          followedUpAt: action.followedUpAt,
          effective: action.effective,
          causes: t.actionCauses.get(action.id),
        }),
      )
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id)),
    links: linksOf(events),
    ...recordsView(state, events),
    protectedIdentity: state.protectedIdentity === true,
    personalDataWithheld: false,
    reasonRequired: false,
  };
}

/** Each (case, relation) once, in the order they were made (the decider writes a repeat as nothing). */
function linksOf(events: readonly EventEnvelope[]): CaseLinkView[] {
  const links = new Map<string, CaseLinkView>();
  for (const event of events) {
    if (event.type !== 'CaseLinked') continue;
    const data = event.data as Data;
    const link = defined({
      caseId: text(data['caseId']) ?? '',
      caseNumber: text(data['caseNumber']) ?? '',
      relation: text(data['relation']) ?? '',
      by: text(data['by']) ?? '',
      at: text(data['at']) ?? '',
      escalatedTo: text(data['escalatedTo']),
      rationale: text(data['rationale']),
    });
    const key = `${link.caseId}/${link.relation}`;
    if (!links.has(key)) links.set(key, link);
  }
  return [...links.values()];
}

/** `GET /cases/{id}/events`: the history as api.md names it. */
export interface CaseEventView {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  data: Record<string, unknown>;
}

export function buildEventViews(events: readonly EventEnvelope[]): CaseEventView[] {
  return events.map((e) => ({
    id: e.id,
    type: e.type,
    version: e.version,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: e.metadata.actor,
    data: e.data,
  }));
}
