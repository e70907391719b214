import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ADDED_DEADLINE_DEFAULTS,
  DEFAULT_DEADLINE_POLICY,
  addDaysToLocalDate,
  addPolicyDuration,
  boardInformationDueAt,
  caseEscalationTargets,
  isoWeekdayOf,
  nextBoardMeetingAfter,
  parseLocalDate,
  stockholmDateOf,
  stockholmStartOfDay,
  stockholmWallClockToInstant,
} from '@kvalitet/domain';
import type {
  BoardMeeting,
  CaseActor,
  CaseAggregateState,
  CaseDeadlineKind,
  CaseType,
  LocalDate,
} from '@kvalitet/domain';
import { BoardMeetingRepository, EventStore } from '@kvalitet/persistence';
import { CASE_WORKFLOW_PATCHES } from '@kvalitet/workflows';
import {
  CaseWorkflowHarness,
  DAY,
  HOUR,
  MANAGER,
  MAS,
  SAS,
  deadlinesOf,
  tasksOf,
} from './support/case-workflow-harness';

/**
 * The statutory steps of lex Maria and lex Sarah as deadlines of the case workflow (issue 17, patch
 * `statutory-steps-mas-patient-board`): the MAS's assessment (DL-7, LC-7, LC-8 step 1), the
 * information to the patient (DL-9, LC-8 step 3) and to the nämnd after the IVO notification (DL-6,
 * LC-6 S7, LC-8 step 6), each met in time and missed, on the time-skipping server.
 */
const DIRECTOR: CaseActor = { username: 'forvaltningschef', roles: ['director'] };
const CHAIN = DEFAULT_DEADLINE_POLICY.escalationChain;
const MINUTE = 60_000;

const kindOf = (state: CaseAggregateState, kind: CaseDeadlineKind) => deadlinesOf(state, kind)[0];

describe('case workflow: the statutory steps mas_classification, patient_information and board_information (DL-6, DL-7, DL-9)', () => {
  let h: CaseWorkflowHarness;
  const started: string[] = [];

  beforeAll(async () => {
    h = await CaseWorkflowHarness.start();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((id) => h.terminate(id)));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('is gated by its own patch marker, which a recorded history holds for the replay test', () => {
    expect(CASE_WORKFLOW_PATCHES.statutorySteps).toBe('statutory-steps-mas-patient-board');
    // Recorded by record-histories.ts --only lex-maria-statutory-steps; replayed by case-workflow-replay.
    const history = JSON.parse(
      readFileSync(resolve(__dirname, 'histories/lex-maria-statutory-steps.json'), 'utf8'),
    ) as { events: Record<string, { details?: Record<string, { payloads?: { data: string }[] }> }>[] };
    const patches = history.events.flatMap((event) =>
      Object.values(event['markerRecordedEventAttributes']?.details ?? {}).flatMap((detail) =>
        (detail.payloads ?? []).map((payload) => Buffer.from(payload.data, 'base64').toString('utf8')),
      ),
    );
    expect(patches.map((patch) => (JSON.parse(patch) as { id: string }).id)).toContain(
      CASE_WORKFLOW_PATCHES.statutorySteps,
    );
  });

  async function report(type: CaseType): Promise<string> {
    const caseId = await h.report(type);
    started.push(caseId);
    return caseId;
  }

  async function events(caseId: string, type: string) {
    return (await h.cases.load(caseId)).events.filter((event) => event.type === type);
  }

  /** The DeadlineMissed events of one deadline. */
  async function missesOf(caseId: string, deadlineId: string) {
    return (await events(caseId, 'DeadlineMissed')).filter(
      (event) => event.data['deadlineId'] === deadlineId,
    );
  }

  /** Skips server time to `instant` plus `extraMs` (the workflows see their timers fire on the way). */
  async function advanceTo(instant: string | Date, extraMs = 0): Promise<void> {
    const ms = new Date(instant).getTime() + extraMs - (await h.now());
    if (ms > 0) await h.advance(ms);
  }

  /**
   * The deadline is still open (a minute before its due date; missed a minute after). The miss's
   * `at` cannot show it: the activities' clock catches up with the server only when `advance` returns.
   */
  async function mustBeOpen(caseId: string, kind: CaseDeadlineKind): Promise<CaseAggregateState> {
    const state = await h.settle(caseId);
    expect(kindOf(state, kind)!.status).toBe('open');
    expect(await missesOf(caseId, kindOf(state, kind)!.id)).toEqual([]);
    return state;
  }

  async function expectMissedAndEscalated(caseId: string, kind: CaseDeadlineKind, type: CaseType) {
    const state = await h.settle(
      caseId,
      (s) =>
        kindOf(s, kind)?.status === 'missed' &&
        tasksOf(s, 'escalation').filter((t) => t.deadlineId === kindOf(s, kind)!.id).length ===
          caseEscalationTargets(kind, 1, CHAIN, type).length,
    );
    const deadline = kindOf(state, kind)!;
    const targets = caseEscalationTargets(kind, 1, CHAIN, type);
    expect(deadline).toMatchObject({ escalationLevel: 1, escalatedTo: targets });
    const misses = await missesOf(caseId, deadline.id);
    expect(misses).toHaveLength(1);
    expect(misses[0]!.data).toMatchObject({ escalationLevel: 1, escalatedTo: targets });
    expect(
      tasksOf(state, 'escalation')
        .filter((t) => t.deadlineId === deadline.id)
        .map((t) => [t.assigneeRole, t.status]),
    ).toEqual(targets.map((role) => [role, 'open']));
    return state;
  }

  /** Met late (ADR 0009): the escalation tasks of the deadline are closed. */
  async function expectMetLate(caseId: string, kind: CaseDeadlineKind) {
    const state = await h.settle(caseId, (s) => kindOf(s, kind)?.status === 'met');
    const deadline = kindOf(state, kind)!;
    expect(deadline.metLate).toBe(true);
    expect(
      tasksOf(state, 'escalation')
        .filter((t) => t.deadlineId === deadline.id)
        .every((t) => t.status === 'done'),
    ).toBe(true);
    return state;
  }

  const masClassify = (caseId: string, type: 'hsl_deviation' | 'lex_maria') =>
    h.command(caseId, {
      type: 'classify',
      actor: MAS,
      data: {
        type,
        category: 'lakemedel',
        ...(type === 'lex_maria' ? { rationale: 'Risk för allvarlig vårdskada' } : {}),
      },
    });

  async function informPatient(caseId: string) {
    return h.command(caseId, {
      type: 'inform-patient',
      actor: MAS,
      data: { informedAt: new Date((await h.now()) - MINUTE).toISOString(), who: 'relative', how: 'phone' },
    });
  }

  /** A lex Maria case reported, with its three deadlines and the MAS's two tasks written. */
  async function reportLexMaria() {
    const caseId = await report('lex_maria');
    const state = await h.settle(
      caseId,
      (s) =>
        deadlinesOf(s).length === 3 &&
        tasksOf(s, 'classify').length === 1 &&
        tasksOf(s, 'inform_patient').length === 1,
    );
    return { caseId, state };
  }

  describe('mas_classification (DL-7, LC-7, LC-8 step 1)', () => {
    it('is one Swedish working day by default', () => {
      expect(ADDED_DEADLINE_DEFAULTS['mas_classification']).toEqual({ workingDays: 1 });
    });

    it("HSL deviation: due one working day after the report, in the MAS's classify task; a classification by someone else does not meet it, the MAS's does, in time", async () => {
      const caseId = await report('hsl_deviation');
      let state = await h.settle(
        caseId,
        (s) => kindOf(s, 'mas_classification') !== undefined && tasksOf(s, 'classify').length === 1,
      );
      const deadline = kindOf(state, 'mas_classification')!;
      expect(deadlinesOf(state).map((d) => d.kind)).toEqual(['investigation', 'mas_classification']);
      // Working days in Stockholm time (a weekend or a holiday moves it; the shared clock crosses DST).
      expect(deadline.dueAt).toBe(
        addPolicyDuration(new Date(state.reportedAt), { workingDays: 1 }).toISOString(),
      );
      expect(tasksOf(state, 'classify')).toEqual([
        expect.objectContaining({
          assigneeRole: 'mas',
          deadlineId: deadline.id,
          dueAt: deadline.dueAt,
          status: 'open',
        }),
      ]);

      // The unit manager sets a category: not the MAS's assessment, so nothing is met.
      await h.advance(HOUR);
      await h.command(caseId, {
        type: 'classify',
        actor: MANAGER,
        data: { type: 'hsl_deviation', category: 'fall' },
      });
      state = await mustBeOpen(caseId, 'mas_classification');
      expect(tasksOf(state, 'classify')[0]!.status).toBe('open');

      await h.advance(2 * HOUR);
      await masClassify(caseId, 'hsl_deviation');
      const classified = await events(caseId, 'CaseClassified');
      expect(classified.map((e) => e.data['byMas'] ?? false)).toEqual([false, true]);
      state = await h.settle(caseId, (s) => kindOf(s, 'mas_classification')?.status === 'met');
      expect(tasksOf(state, 'classify')[0]).toMatchObject({ status: 'done', completedBy: 'mas' });
      const met = (await events(caseId, 'DeadlineMet')).filter((e) => e.data['deadlineId'] === deadline.id);
      expect(met).toHaveLength(1);
      expect(met[0]!.data['late']).toBeUndefined();

      await advanceTo(deadline.dueAt, 2 * DAY);
      state = await h.settle(caseId);
      expect(kindOf(state, 'mas_classification')!.status).toBe('met');
      expect(await events(caseId, 'DeadlineMissed')).toEqual([]);
      expect(tasksOf(state, 'escalation')).toEqual([]);
    });

    it("lex Maria missed: DeadlineMissed at the working-day due date, escalated to the division manager and the MAS; the MAS's late classification meets it late", async () => {
      const { caseId, state: reported } = await reportLexMaria();
      const deadline = kindOf(reported, 'mas_classification')!;
      expect(deadline.dueAt).toBe(
        addPolicyDuration(new Date(reported.reportedAt), { workingDays: 1 }).toISOString(),
      );
      expect(tasksOf(reported, 'classify')[0]).toMatchObject({ assigneeRole: 'mas', dueAt: deadline.dueAt });

      await advanceTo(deadline.dueAt, -MINUTE);
      await mustBeOpen(caseId, 'mas_classification');
      await h.advance(2 * MINUTE);
      const state = await expectMissedAndEscalated(caseId, 'mas_classification', 'lex_maria');
      expect(kindOf(state, 'mas_classification')!.escalatedTo).toEqual(['division_manager', 'mas']);

      await masClassify(caseId, 'lex_maria');
      await expectMetLate(caseId, 'mas_classification');
    });
  });

  describe('patient_information (DL-9, LC-8 step 3)', () => {
    it("lex Maria: due a Stockholm calendar day after the report, in the MAS's inform_patient task; inform-patient meets it in time", async () => {
      const { caseId, state: reported } = await reportLexMaria();
      expect(deadlinesOf(reported).map((d) => d.kind)).toEqual([
        'investigation',
        'mas_classification',
        'patient_information',
      ]);
      const deadline = kindOf(reported, 'patient_information')!;
      // Days are Stockholm calendar days (a DST change makes one 23 or 25 hours).
      expect(deadline.dueAt).toBe(addPolicyDuration(new Date(reported.reportedAt), 'P1D').toISOString());
      expect(tasksOf(reported, 'inform_patient')).toEqual([
        expect.objectContaining({
          assigneeRole: 'mas',
          deadlineId: deadline.id,
          dueAt: deadline.dueAt,
          status: 'open',
        }),
      ]);

      await h.advance(3 * HOUR);
      await masClassify(caseId, 'lex_maria');
      await informPatient(caseId);
      expect(await events(caseId, 'PatientInformed')).toHaveLength(1);
      let state = await h.settle(caseId, (s) => kindOf(s, 'patient_information')?.status === 'met');
      expect(tasksOf(state, 'inform_patient')[0]).toMatchObject({ status: 'done', completedBy: 'mas' });

      await advanceTo(deadline.dueAt, 2 * DAY);
      state = await h.settle(caseId);
      expect(kindOf(state, 'patient_information')!.status).toBe('met');
      expect(kindOf(state, 'mas_classification')!.status).toBe('met');
      expect(await events(caseId, 'DeadlineMissed')).toEqual([]);
      expect(tasksOf(state, 'escalation')).toEqual([]);
    });

    it('missed: escalated to the division manager and the MAS; a late "not possible" answers the step and meets it late', async () => {
      const { caseId, state: reported } = await reportLexMaria();
      await masClassify(caseId, 'lex_maria');
      const deadline = kindOf(reported, 'patient_information')!;
      await advanceTo(deadline.dueAt, -MINUTE);
      await mustBeOpen(caseId, 'patient_information');
      await h.advance(2 * MINUTE);
      const state = await expectMissedAndEscalated(caseId, 'patient_information', 'lex_maria');
      expect(kindOf(state, 'patient_information')!.escalatedTo).toEqual(['division_manager', 'mas']);
      expect(tasksOf(state, 'inform_patient')[0]!.status).toBe('open');

      await h.command(caseId, {
        type: 'inform-patient',
        actor: MAS,
        data: { notPossibleReason: 'Patienten har avlidit och saknar kända närstående.' },
      });
      const met = await expectMetLate(caseId, 'patient_information');
      expect(tasksOf(met, 'inform_patient')[0]!.status).toBe('done');
    });

    it('an HSL deviation the MAS reclassifies to lex Maria: the assessment is met by it, the information to the patient starts then, counted from the report (LC-2)', async () => {
      const caseId = await report('hsl_deviation');
      const reported = await h.settle(caseId, (s) => kindOf(s, 'mas_classification') !== undefined);
      await h.advance(3 * HOUR);
      await masClassify(caseId, 'lex_maria');
      const state = await h.settle(
        caseId,
        (s) =>
          kindOf(s, 'mas_classification')?.status === 'met' &&
          kindOf(s, 'patient_information') !== undefined &&
          tasksOf(s, 'inform_patient').length === 1,
      );
      expect(deadlinesOf(state, 'mas_classification')).toHaveLength(1);
      expect(tasksOf(state, 'classify').map((t) => [t.assigneeRole, t.status])).toEqual([['mas', 'done']]);
      const deadline = kindOf(state, 'patient_information')!;
      // The reclassification keeps the elapsed time: P1D from the report, not from the reclassification.
      expect(deadline.dueAt).toBe(addPolicyDuration(new Date(reported.reportedAt), 'P1D').toISOString());
      expect(tasksOf(state, 'inform_patient')[0]).toMatchObject({
        assigneeRole: 'mas',
        dueAt: deadline.dueAt,
      });
      expect(await events(caseId, 'DeadlineMissed')).toEqual([]);
    });
  });

  describe('board_information (DL-6, LC-6 S7, LC-8 step 6)', () => {
    async function seedBoardMeetings(meetings: BoardMeeting[]): Promise<void> {
      await new BoardMeetingRepository(new EventStore(h.db.dataSource)).change(meetings, 'kvalitet');
      expect(await h.cases.boardMeetings()).toEqual(meetings);
    }

    async function investigated(caseId: string, actor: CaseActor) {
      await h.command(caseId, { type: 'acknowledge', actor, data: {} });
      await h.command(caseId, { type: 'start-investigation', actor, data: {} });
      await h.command(caseId, {
        type: 'record-investigation',
        actor,
        data: { summary: 'Utrett', causes: ['routine'] },
      });
    }

    /** Lex Sarah decided serious by the director (who holds lex_sarah_decision in the demo register). */
    async function seriousLexSarah(): Promise<string> {
      const caseId = await report('lex_sarah');
      await h.settle(caseId, (s) => deadlinesOf(s).length === 2);
      await investigated(caseId, SAS);
      await h.command(caseId, {
        type: 'decide',
        actor: DIRECTOR,
        data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt' },
      });
      return caseId;
    }

    /** Lex Maria assessed, investigated, decided serious and the patient informed, all by the MAS. */
    async function seriousLexMaria(): Promise<string> {
      const { caseId } = await reportLexMaria();
      await masClassify(caseId, 'lex_maria');
      await investigated(caseId, MAS);
      await h.command(caseId, {
        type: 'decide',
        actor: MAS,
        data: { outcome: 'allvarlig_vardskada', rationale: 'Allvarlig vårdskada' },
      });
      await informPatient(caseId);
      return caseId;
    }

    const seriousCase = (type: 'lex_sarah' | 'lex_maria') =>
      type === 'lex_sarah' ? seriousLexSarah() : seriousLexMaria();
    const ivoReporter = (type: 'lex_sarah' | 'lex_maria') => (type === 'lex_sarah' ? DIRECTOR : MAS);

    /** report-to-ivo; the deadline and the inform_board task come with it (ADR 0021). */
    async function reportToIvo(caseId: string, actor: CaseActor) {
      await h.command(caseId, {
        type: 'report-to-ivo',
        actor,
        data: { ivoReference: 'IVO 3.5.1-4711/2026', reportedAt: new Date(await h.now()).toISOString() },
      });
      const state = await h.settle(
        caseId,
        (s) =>
          kindOf(s, 'ivo_report')?.status === 'met' &&
          kindOf(s, 'board_information') !== undefined &&
          tasksOf(s, 'inform_board').length === 1,
      );
      const [reported] = await events(caseId, 'ReportedToIvo');
      return { state, reportedAt: new Date(String(reported!.data['at'])) };
    }

    /** 14:00 Stockholm time on `date` (the meeting is at 13:00). */
    const afternoonOf = (date: LocalDate) =>
      stockholmWallClockToInstant({
        ...parseLocalDate(date)!,
        hour: 14,
        minute: 0,
        second: 0,
        millisecond: 0,
      });

    async function informBoard(caseId: string, actor: CaseActor, meetingDate: LocalDate) {
      await h.command(caseId, { type: 'inform-board', actor, data: { meetingDate, paragraph: '§ 87' } });
      expect((await events(caseId, 'BoardInformed')).map((e) => e.data['meetingDate'])).toEqual([
        meetingDate,
      ]);
    }

    // First, while nothing is saved: the demo calendar (the third Wednesday of each month but July).
    it('lex Maria on the demo calendar: due at the end of the Stockholm day of the next third-Wednesday meeting, the MAS informs the nämnd at it', async () => {
      const caseId = await seriousLexMaria();
      const { state, reportedAt } = await reportToIvo(caseId, MAS);
      const meetings = await h.cases.boardMeetings();
      const meeting = nextBoardMeetingAfter(meetings, reportedAt)!;
      expect(isoWeekdayOf(meeting.date)).toBe(3);
      expect(Number(meeting.date.slice(8, 10))).toBeGreaterThanOrEqual(15);
      expect(Number(meeting.date.slice(8, 10))).toBeLessThanOrEqual(21);
      expect(meeting.date.slice(5, 7)).not.toBe('07');
      expect(meeting.date > stockholmDateOf(reportedAt)).toBe(true);

      const deadline = kindOf(state, 'board_information')!;
      expect(deadline.dueAt).toBe(boardInformationDueAt(meetings, reportedAt).toISOString());
      expect(deadline.dueAt).toBe(stockholmStartOfDay(addDaysToLocalDate(meeting.date, 1)).toISOString());
      expect(tasksOf(state, 'inform_board')).toEqual([
        expect.objectContaining({
          assigneeRole: 'mas',
          deadlineId: deadline.id,
          dueAt: deadline.dueAt,
          status: 'open',
        }),
      ]);

      await advanceTo(afternoonOf(meeting.date));
      await mustBeOpen(caseId, 'board_information');
      await informBoard(caseId, MAS, meeting.date);
      let done = await h.settle(caseId, (s) => kindOf(s, 'board_information')?.status === 'met');
      expect(tasksOf(done, 'inform_board')[0]).toMatchObject({ status: 'done', completedBy: 'mas' });

      await advanceTo(deadline.dueAt, DAY);
      done = await h.settle(caseId);
      expect(kindOf(done, 'board_information')!.status).toBe('met');
      expect(await events(caseId, 'DeadlineMissed')).toEqual([]);
      expect(tasksOf(done, 'escalation')).toEqual([]);
    });

    it('lex Sarah on a saved calendar: a meeting on the day of the report does not count; due at the end of the next one; the director informs the nämnd in time', async () => {
      const caseId = await seriousLexSarah();
      const today = stockholmDateOf(new Date(await h.now()));
      const next = addDaysToLocalDate(today, 9);
      await seedBoardMeetings([
        { date: addDaysToLocalDate(today, 40), time: '13:00', title: 'Socialnämnden' },
        { date: today, time: '23:00', title: 'Socialnämnden' },
        { date: next, time: '13:00', title: 'Socialnämnden' },
      ]);
      const { state, reportedAt } = await reportToIvo(caseId, DIRECTOR);
      const deadline = kindOf(state, 'board_information')!;
      expect(deadline.dueAt).toBe(
        boardInformationDueAt(await h.cases.boardMeetings(), reportedAt).toISOString(),
      );
      if (stockholmDateOf(reportedAt) === today)
        expect(deadline.dueAt).toBe(stockholmStartOfDay(addDaysToLocalDate(next, 1)).toISOString());
      expect(tasksOf(state, 'inform_board')).toEqual([
        expect.objectContaining({
          assigneeRole: 'director',
          deadlineId: deadline.id,
          dueAt: deadline.dueAt,
          status: 'open',
        }),
      ]);

      await advanceTo(afternoonOf(next));
      await mustBeOpen(caseId, 'board_information');
      await informBoard(caseId, DIRECTOR, next);
      let done = await h.settle(caseId, (s) => kindOf(s, 'board_information')?.status === 'met');
      expect(tasksOf(done, 'inform_board')[0]).toMatchObject({
        status: 'done',
        completedBy: 'forvaltningschef',
      });

      await advanceTo(deadline.dueAt, DAY);
      done = await h.settle(caseId);
      expect(kindOf(done, 'board_information')!.status).toBe('met');
      expect(await events(caseId, 'DeadlineMissed')).toEqual([]);
    });

    it.each(['lex_sarah', 'lex_maria'] as const)(
      "%s missed: DeadlineMissed at the end of the meeting day, escalated up the chain with the type's own role; informed at the meeting after, it is met late",
      async (type) => {
        const caseId = await seriousCase(type);
        const today = stockholmDateOf(new Date(await h.now()));
        const meetings = [2, 30].map((days) => ({
          date: addDaysToLocalDate(today, days),
          time: '13:00',
          title: 'Socialnämnden',
        }));
        await seedBoardMeetings(meetings);
        const { state, reportedAt } = await reportToIvo(caseId, ivoReporter(type));
        const deadline = kindOf(state, 'board_information')!;
        expect(deadline.dueAt).toBe(boardInformationDueAt(meetings, reportedAt).toISOString());
        expect(tasksOf(state, 'inform_board')[0]!.assigneeRole).toBe(
          type === 'lex_sarah' ? 'director' : 'mas',
        );

        await advanceTo(deadline.dueAt, -MINUTE);
        await mustBeOpen(caseId, 'board_information');
        await h.advance(2 * MINUTE);
        const missed = await expectMissedAndEscalated(caseId, 'board_information', type);
        expect(kindOf(missed, 'board_information')!.escalatedTo).toEqual(
          type === 'lex_sarah' ? ['division_manager', 'lex_sarah_investigator'] : ['division_manager', 'mas'],
        );

        const later = nextBoardMeetingAfter(meetings, new Date(deadline.dueAt))!.date;
        await advanceTo(afternoonOf(later));
        await informBoard(caseId, ivoReporter(type), later);
        const met = await expectMetLate(caseId, 'board_information');
        expect(tasksOf(met, 'inform_board')[0]!.status).toBe('done');
      },
    );
  });

  // Last: it moves the shared clock to the spring DST change.
  describe('across the DST change and Easter', () => {
    /** Saturday 10:00 Stockholm time before the next last Sunday of March (the clocks go forward). */
    async function saturdayBeforeDstChange(): Promise<{ saturday: LocalDate; instant: Date }> {
      const now = await h.now();
      for (let year = Number(stockholmDateOf(new Date(now)).slice(0, 4)); ; year++) {
        let sunday: LocalDate = `${year}-03-31`;
        while (isoWeekdayOf(sunday) !== 7) sunday = addDaysToLocalDate(sunday, -1);
        const saturday = addDaysToLocalDate(sunday, -1);
        const instant = stockholmWallClockToInstant({
          ...parseLocalDate(saturday)!,
          hour: 10,
          minute: 0,
          second: 0,
          millisecond: 0,
        });
        if (instant.getTime() > now + MINUTE) return { saturday, instant };
      }
    }

    it('lex Maria reported the Saturday before: patient_information P1D is 23 hours; mas_classification waits for the next Swedish working day; both missed on time', async () => {
      const { saturday, instant } = await saturdayBeforeDstChange();
      await advanceTo(instant);
      const { caseId, state } = await reportLexMaria();
      expect(stockholmDateOf(new Date(state.reportedAt))).toBe(saturday);
      const patient = kindOf(state, 'patient_information')!;
      const mas = kindOf(state, 'mas_classification')!;
      expect(patient.dueAt).toBe(addPolicyDuration(new Date(state.reportedAt), 'P1D').toISOString());
      expect(Date.parse(patient.dueAt) - Date.parse(state.reportedAt)).toBe(23 * HOUR);
      expect(mas.dueAt).toBe(addPolicyDuration(new Date(state.reportedAt), { workingDays: 1 }).toISOString());
      // 2027: Easter Sunday is the DST Sunday, so Easter Monday is a holiday too: due Tuesday 10:00 CEST.
      if (saturday === '2027-03-27') expect(mas.dueAt.slice(0, 16)).toBe('2027-03-30T08:00');

      await advanceTo(patient.dueAt, -MINUTE);
      await mustBeOpen(caseId, 'patient_information');
      await h.advance(2 * MINUTE);
      await expectMissedAndEscalated(caseId, 'patient_information', 'lex_maria');
      await informPatient(caseId);
      await expectMetLate(caseId, 'patient_information');

      await advanceTo(mas.dueAt, -MINUTE);
      await mustBeOpen(caseId, 'mas_classification');
      await h.advance(2 * MINUTE);
      await expectMissedAndEscalated(caseId, 'mas_classification', 'lex_maria');
    });
  });
});
