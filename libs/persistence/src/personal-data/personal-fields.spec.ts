import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { CaseEventOfType, CaseEventType } from '@kvalitet/domain';
import {
  CASE_PERSONAL_FIELD_PATHS,
  PERSONAL_FIELD_PATHS,
  mergePersonalData,
  personalFieldPathsFor,
  splitPersonalData,
} from './personal-fields';
import { openEvent, sealEvent } from './sealed-personal-data';

const by = 'enhetschef';
const at = '2026-12-07T10:00:00.000Z';

/**
 * Every case event type with every string it can carry filled in: a new event type does not compile
 * until it is listed here, and a new free-text field of one must be moved or named below.
 */
const SAMPLES: { [T in CaseEventType]: CaseEventOfType<T>['data'] } = {
  CaseReported: {
    caseId: 'c1',
    caseNumber: 'AV-2026-0001',
    type: 'deviation',
    unitId: 'solgarden',
    occurredAt: '2026-12-06',
    reportedAt: at,
    registeredAt: at,
    description: 'fri text',
    immediateActions: 'fri text',
    channel: 'staff_form',
    reporter: { username: 'medarbetare', name: 'fri text' },
    onBehalfOf: { name: 'fri text', contact: 'fri text' },
    personRef: 'fri text',
    unclassified: false,
    contact: { email: 'fri text', phone: 'fri text' },
    awareAt: at,
    respondBy: '2026-12-20',
  },
  CaseAcknowledged: { note: 'fri text', by, at },
  CaseAssigned: { assignee: 'utredare', previousAssignee: 'annan', by, at },
  CaseClassified: {
    fromType: 'deviation',
    toType: 'lex_sarah',
    category: 'fall',
    lagrum: 'SoL 14:6',
    rationale: 'fri text',
    fromUnitId: 'central',
    toUnitId: 'solgarden',
    by,
    at,
  },
  InvestigationStarted: { by, at },
  InvestigationRecorded: { summary: 'fri text', causes: ['fri text'], by, at },
  CaseDecided: { outcome: 'missforhallande', rationale: 'fri text', requiresIvoReport: true, by, at },
  ReportedToIvo: { ivoReference: '3.5.1-12345/2026', reportedAt: at, by, at },
  BreachAssessed: { notifiable: false, rationale: 'fri text', by, at },
  ReportedToImy: { reportedAt: at, imyReference: 'IMY-2026-1', by, at },
  CaseResponded: { respondedAt: at, channel: 'letter', summary: 'fri text', role: 'manager', by, at },
  CaseLinked: {
    caseId: 'c2',
    caseNumber: 'LS-2026-0001',
    relation: 'led_to',
    escalatedTo: 'lex_sarah',
    rationale: 'fri text',
    by,
    at,
  },
  PatientInformed: {
    informedAt: at,
    who: 'relative',
    how: 'phone',
    note: 'fri text',
    notPossibleReason: 'fri text',
    role: 'mas',
    by,
    at,
  },
  JournalNoteConfirmed: { notedAt: at, role: 'mas', by, at },
  BoardInformed: { meetingDate: '2026-12-10', paragraph: '§ 45', role: 'manager', by, at },
  IvoDecisionRecorded: { decidedAt: at, summary: 'fri text', reopened: false, role: 'mas', by, at },
  ActionAdded: {
    actionId: 'a1',
    title: 'fri text',
    level: 'individual',
    owner: 'enhetschef',
    dueAt: at,
    causes: ['fri text'],
    by,
    at,
  },
  ActionCompleted: { actionId: 'a1', result: 'fri text', by, at },
  FollowUpRecorded: { effective: true, note: 'fri text', actionIds: ['a1'], by, at },
  CaseClosed: { summary: 'fri text', by, at },
  CaseReopened: { reason: 'fri text', by, at },
  ProtectedIdentityMarked: { reason: 'fri text', by, at },
  ProtectedIdentityUnmarked: { reason: 'fri text', by, at },
  DeadlineStarted: {
    deadlineId: 'd1',
    kind: 'action',
    dueAt: at,
    policyVersion: 1,
    actionId: 'a1',
    startedAt: at,
  },
  DeadlineMet: { deadlineId: 'd1', at },
  DeadlineMissed: { deadlineId: 'd1', at, escalationLevel: 1, escalatedTo: ['manager'] },
  DeadlineCancelled: { deadlineId: 'd1', reason: 'path_changed', toType: 'lex_sarah', at },
  DeadlineReminderSent: {
    deadlineId: 'd1',
    when: 'before',
    recipients: [{ username: 'enhetschef' }, { role: 'manager', unitId: 'solgarden' }],
    at,
  },
  TaskCreated: {
    taskId: 't1',
    kind: 'carry_out_action',
    assignee: 'enhetschef',
    assigneeRole: 'manager',
    unitId: 'solgarden',
    dueAt: at,
    deadlineId: 'd1',
    actionId: 'a1',
    createdAt: at,
  },
  TaskCompleted: { taskId: 't1', at, by },
  LegalHoldPlaced: { reason: 'fri text', by, at },
  LegalHoldLifted: { by, at },
  CaseErased: {
    caseNumber: 'AV-2026-0001',
    caseType: 'deviation',
    unitId: 'solgarden',
    rule: { caseType: 'deviation', keepYears: 5, from: 'closed' },
    dueOn: '2031-12-07',
    erasedAt: at,
    erasedBy: 'gallring',
  },
};

/**
 * Strings a case event keeps in its row, with why: ids, codes, dates, staff usernames and roles, the
 * case numbers, and the authorities' references and the minutes' paragraph (registry references, not
 * text about a person). `reason` of a cancelled deadline is a code, yet moved with every `reason`.
 */
// prettier-ignore
const KEPT_IN_ROW: ReadonlySet<string> = new Set([
  'caseId', 'caseNumber', 'type', 'unitId', 'occurredAt', 'reportedAt', 'registeredAt', 'channel',
  'username', 'awareAt', 'respondBy', 'by', 'at', 'assignee', 'previousAssignee', 'fromType', 'toType',
  'category', 'lagrum', 'fromUnitId', 'toUnitId', 'outcome', 'ivoReference', 'imyReference',
  'respondedAt', 'role', 'relation', 'escalatedTo', 'informedAt', 'who', 'how', 'notedAt',
  'meetingDate', 'paragraph', 'decidedAt', 'actionId', 'level', 'owner', 'dueAt', 'actionIds',
  'deadlineId', 'kind', 'startedAt', 'when', 'taskId', 'assigneeRole', 'createdAt',
  'caseType', 'from', 'dueOn', 'erasedAt', 'erasedBy',
]);

function stringKeys(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return [key];
  if (Array.isArray(value)) return value.flatMap((item) => stringKeys(item, key));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => stringKeys(v, k));
  return [];
}

function envelope(aggregateType: string, type: string, data: Record<string, unknown>): EventEnvelope {
  return {
    id: randomUUID(),
    position: '1',
    aggregateType: aggregateType as EventEnvelope['aggregateType'],
    aggregateId: randomUUID(),
    version: 1,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: by, correlationId: randomUUID() },
    occurredAt: at,
    recordedAt: at,
  };
}

// ADR 0002 (amended 2026-12-07): a case event's free text lives in personal_data, so gallring erases it (DATA-2, DATA-7).
describe('personal fields of the case aggregate', () => {
  it('moves an action title out of the row and merges it back unchanged', () => {
    const data = SAMPLES.ActionAdded as unknown as Record<string, unknown>;
    const { stripped, personal } = splitPersonalData(data, personalFieldPathsFor('case'));
    expect(stripped).toEqual({ actionId: 'a1', level: 'individual', owner: by, dueAt: at, by, at });
    expect(personal).toEqual({ title: 'fri text', causes: ['fri text'] });
    expect(mergePersonalData(stripped, personal)).toEqual(data);
  });

  it('moves why the patient could not be told (LC-8 step 3)', () => {
    const { stripped, personal } = splitPersonalData(
      SAMPLES.PatientInformed as unknown as Record<string, unknown>,
      personalFieldPathsFor('case'),
    );
    expect(personal).toEqual({ note: 'fri text', notPossibleReason: 'fri text' });
    expect(stripped).not.toHaveProperty('notPossibleReason');
  });

  it.each(Object.keys(SAMPLES) as CaseEventType[])(
    '%s keeps only ids, codes, dates, usernames and references in the row',
    (type) => {
      const data = SAMPLES[type] as unknown as Record<string, unknown>;
      const { stripped, personal } = splitPersonalData(data, personalFieldPathsFor('case'));
      const left = stringKeys(stripped).filter((key) => !KEPT_IN_ROW.has(key));
      expect(left).toEqual([]);
      expect(JSON.stringify(stripped)).not.toContain('fri text');
      expect(mergePersonalData(stripped, personal)).toEqual(data);
    },
  );

  it('leaves the title of every other aggregate in its row (routines, risk assessments, registers)', () => {
    for (const aggregateType of ['routine', 'risk_assessment', 'improvement', 'ledningssystem', 'risk']) {
      expect(personalFieldPathsFor(aggregateType)).toBe(PERSONAL_FIELD_PATHS);
      const { stripped } = splitPersonalData(
        { title: 'Rutin för läkemedel', description: 'text' },
        personalFieldPathsFor(aggregateType),
      );
      expect(stripped).toEqual({ title: 'Rutin för läkemedel' });
    }
    expect(personalFieldPathsFor('case')).toBe(CASE_PERSONAL_FIELD_PATHS);
    expect(CASE_PERSONAL_FIELD_PATHS).toEqual(expect.arrayContaining([...PERSONAL_FIELD_PATHS]));
  });

  it('seals a case action title on Kafka, and not a routine title', () => {
    const key = randomBytes(32);
    const title = 'Samtal med Gunnel Pärlemor-5521';
    const action = envelope('case', 'ActionAdded', { ...SAMPLES.ActionAdded, title });
    const wire = sealEvent(action, key);
    expect(JSON.stringify(wire)).not.toContain('Pärlemor');
    expect(wire.sealed!.paths).toEqual(['causes', 'title']);
    expect(openEvent(wire, key)).toEqual(action);
    expect(openEvent(wire, null).data['title']).toBe('[raderad]');

    const routine = envelope('routine', 'RoutineCreated', { routineId: 'r1', title });
    expect(sealEvent(routine, key)).toBe(routine);
  });
});

// RA-11: a händelseanalys names its team and tells what happened; both are erasable, not row data.
describe('personal fields of a händelseanalys', () => {
  it('moves the team and a timeline entry out of the row and merges them back unchanged', () => {
    const started = {
      analysisId: 'a1',
      title: 'Fall i badrummet',
      team: [{ name: 'Anna Andersson', role: 'Undersköterska' }],
      at: '2026-12-07T10:00:00.000Z',
      by: 'kvalitet',
    };
    const entry = {
      entryId: 'e1',
      occurredAt: '2026-12-01T08:00',
      what: 'Brukaren föll vid duschen',
      role: 'Undersköterska',
    };
    for (const data of [started, entry] as Record<string, unknown>[]) {
      const { stripped, personal } = splitPersonalData(data, personalFieldPathsFor('event_analysis'));
      expect(JSON.stringify(stripped)).not.toMatch(/Anna Andersson|duschen/);
      expect(personal).not.toBeNull();
      expect(mergePersonalData(stripped, personal)).toEqual(data);
    }
  });
});
