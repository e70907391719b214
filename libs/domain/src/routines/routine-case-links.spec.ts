import type { AdoptionDecision } from '../ledningssystem/ledningssystem-common';
import { advanceDutiesAt, KVALITET } from '../ledningssystem/test-support';
import { decideRoutine } from './decide-routine';
import { rebuildRoutine } from './routine-aggregate';
import type { RoutineCommand, RoutineEvent } from './routine-types';

const DECISION: AdoptionDecision = {
  decidedBy: 'forvaltningschef',
  decidedOn: '2026-01-15',
  reference: 'FC 2026/12',
};
const CASE_ID = '00000000-0000-4000-8000-000000000001';

const registered: RoutineEvent = {
  type: 'RoutineRegistered',
  data: {
    routineId: 'r1',
    kind: 'routine',
    level: 3,
    code: 'RUT-LS-01',
    title: 'Rapportera lex Sarah',
    unitId: 'solgarden',
    owner: 'enhetschef',
    administrator: null,
    parentId: null,
    revisionInterval: 'P1Y',
    cooperation: [],
    registeredAt: '2026-01-10T08:00:00.000Z',
    registeredBy: 'kvalitet',
  },
};
const adopted = (version: string, adoptedAt: string): RoutineEvent => ({
  type: 'RoutineVersionAdopted',
  data: {
    version,
    decision: DECISION,
    validFrom: '2026-02-01',
    changeNote: 'Ny version',
    adoptedAt,
    recordedBy: 'kvalitet',
    nextRevisionDue: '2027-02-01',
  },
});
const link: RoutineCommand = {
  type: 'link-case',
  actor: KVALITET,
  data: { caseId: CASE_ID, caseNumber: 'A-2026-0001', caseType: 'lex_sarah', note: 'Fall nattetid' },
};
const review: RoutineCommand = {
  type: 'request-review',
  actor: KVALITET,
  data: { requestId: 'q1', caseId: CASE_ID, reason: 'Rutinen säger inget om nattetid' },
};

function run(given: RoutineEvent[], command: RoutineCommand, now = '2026-03-01T10:00:00Z') {
  const decision = decideRoutine(command, rebuildRoutine(given), new Date(now));
  const events = decision.ok ? [...given, ...decision.events] : given;
  return { decision, events, after: rebuildRoutine(events) };
}

describe('routines linked to cases (PR-8)', () => {
  it('links a case once, with its number and type as they were', () => {
    const first = run([registered], link);
    expect(first.after?.caseLinks).toEqual([
      expect.objectContaining({
        caseId: CASE_ID,
        caseNumber: 'A-2026-0001',
        note: 'Fall nattetid',
        linkedBy: 'kvalitet',
      }),
    ]);
    const again = run(first.events, link);
    expect(again.decision).toMatchObject({
      ok: false,
      refusal: { code: 'ALREADY_EXISTS', reason: 'CASE_ALREADY_LINKED' },
    });
  });

  it('refuses a link to a repealed document', () => {
    const repealed: RoutineEvent = {
      type: 'RoutineRepealed',
      data: { decision: DECISION, reason: 'Ersatt', at: '2026-02-01T00:00:00Z', repealedBy: 'kvalitet' },
    };
    expect(run([registered, repealed], link).decision).toMatchObject({
      ok: false,
      refusal: { reason: 'REPEALED' },
    });
  });

  it('asks for a review only from a linked case of an adopted document', () => {
    expect(run([registered], review).decision).toMatchObject({
      ok: false,
      refusal: { reason: 'NOT_ADOPTED' },
    });
    expect(run([registered, adopted('1.0', '2026-01-20T08:00:00Z')], review).decision).toMatchObject({
      ok: false,
      refusal: { reason: 'CASE_NOT_LINKED', field: 'caseId' },
    });
    const blank = run([registered, adopted('1.0', '2026-01-20T08:00:00Z')], {
      ...review,
      data: { ...review.data, reason: '  ' },
    } as RoutineCommand);
    expect(blank.decision).toMatchObject({ ok: false, refusal: { field: 'reason' } });
  });

  it('turns a review request into a task for the owner at once, and a new version answers it', () => {
    const linked = run([registered, adopted('1.0', '2026-01-20T08:00:00Z')], link).events;
    const requested = run(linked, review);
    expect(requested.decision.ok).toBe(true);
    expect(run(requested.events, review).decision).toMatchObject({
      ok: false,
      refusal: { reason: 'REVIEW_ALREADY_REQUESTED' },
    });

    const opened = run(requested.events, advanceDutiesAt('2026-03-01T10:00:01Z'));
    const task = opened.after?.tasks.find((t) => t.dutyKey === 'review/q1');
    expect(task).toMatchObject({
      kind: 'routine_revision',
      assignee: 'enhetschef',
      status: 'open',
      dueAt: '2026-03-31T09:00:00.000Z', // same Stockholm clock time, after the change to summer time
    });

    const revised = run(opened.events, {
      type: 'adopt-version',
      actor: KVALITET,
      data: { version: '2.0', decision: DECISION, validFrom: '2026-03-15', changeNote: 'Nattetid tillagd' },
    });
    expect(revised.after?.reviewRequests[0]?.answeredAt).toBe('2026-03-01T10:00:00.000Z');
    expect(revised.after?.tasks.find((t) => t.dutyKey === 'review/q1')?.status).toBe('done');
  });
});
