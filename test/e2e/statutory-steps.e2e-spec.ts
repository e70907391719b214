import { expectProblem, startApi, type ApiResponse, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report, stockholmDateDaysAgo } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface Step {
  key: string;
  status: string;
  command: string;
  dueAt?: string;
  doneAt?: string;
}
interface Recorded {
  role: string;
  by: string;
  at: string;
}
interface CaseBody {
  id: string;
  type: string;
  stage: string;
  version: number;
  assignee: string | null;
  reopenCount: number;
  reportedAt: string;
  deadlines: { kind: string; status: string; dueAt: string }[];
  statutorySteps: Step[];
  patientInformation: (Recorded & Record<string, string>) | null;
  journalNote: (Recorded & { notedAt: string }) | null;
  boardInformation: (Recorded & { meetingDate: string; paragraph?: string }) | null;
  ivoDecisions: (Recorded & { decidedAt: string; summary: string; reopened: boolean })[];
  actions: { id: string; status: string }[];
  tasks: { kind: string; status: string; assigneeRole?: string | null }[];
  allowedCommands: string[];
}
interface EventView {
  type: string;
  actor: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

const today = () => stockholmDateDaysAgo(0);

/**
 * The statutory steps of lex Maria and lex Sarah after the report (api.md v1.1 "New commands" and the
 * closing rules; LC-7, LC-8 steps 1–6, LC-6 S7/S9, DL-6, DL-9) through the real api: the checklist
 * `statutorySteps`, `inform-patient` before `report-to-ivo`, the journal note and the nämnd before
 * `close`, IVO's decision on a closed case (and reopening with it), who may do what (403 before 409),
 * and the 400s — each refusal writing nothing.
 */
describe('lex Maria / lex Sarah statutory steps (e2e)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'forvaltningschef',
      'sas',
      'mas',
      'kvalitet',
    ])
      tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (user: string, id: string, command: string, body: unknown = {}) =>
    api.call<CaseBody>('POST', `/api/v1/cases/${id}/${command}`, { token: tokens[user], body });
  const ok = async (response: Promise<ApiResponse<CaseBody>>): Promise<CaseBody> => {
    const answered = await response;
    if (answered.status !== 200) throw new Error(`${answered.status} ${answered.text}`);
    return answered.body;
  };
  const read = async (id: string, user = 'kvalitet'): Promise<CaseBody> =>
    (await api.call<CaseBody>('GET', `/api/v1/cases/${id}`, { token: tokens[user] })).body;
  const eventCount = async (id: string): Promise<number> => {
    const rows: { n: number }[] = await api.db.dataSource.query(
      'SELECT count(*)::int AS n FROM events WHERE aggregate_id = $1',
      [id],
    );
    return rows[0]!.n;
  };
  const statuses = (c: CaseBody) => Object.fromEntries(c.statutorySteps.map((s) => [s.key, s.status]));
  const stepOf = (c: CaseBody, key: string) => c.statutorySteps.find((s) => s.key === key)!;
  /** A refusal that writes nothing: same version, same number of events. */
  const refusedUnchanged = async (
    id: string,
    response: Promise<ApiResponse<CaseBody>>,
    status: number,
    code: string,
    reason?: string,
  ) => {
    const before = await eventCount(id);
    const { version } = await read(id);
    const problem = expectProblem(await response, status, code);
    if (reason !== undefined) expect(problem.errors?.map((e) => e.code)).toEqual([reason]);
    expect(await eventCount(id)).toBe(before);
    expect((await read(id)).version).toBe(version);
    return problem;
  };

  async function reported(type: string, by = 'medarbetare'): Promise<CaseBody> {
    const created = await api.call<CaseBody>('POST', '/api/v1/cases', {
      token: tokens[by],
      body: report(type, 'solgarden', `Händelse ${type}: fel läkemedelsdos gavs`),
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** A lex Maria case reported, classified by mas, investigated and decided `allvarlig_vardskada` by mas. */
  async function seriousLexMaria(assignee = 'mas'): Promise<CaseBody> {
    const { id } = await reported('lex_maria');
    await ok(post('mas', id, 'classify', { category: 'läkemedel', lagrum: '3 kap. 5 § PSL' }));
    await ok(post('mas', id, 'assign', { assignee }));
    await ok(post('mas', id, 'start-investigation'));
    await ok(post('mas', id, 'record-investigation', { summary: 'Dubbel dos', causes: ['Rutin'] }));
    return ok(
      post('mas', id, 'decide', { outcome: 'allvarlig_vardskada', rationale: 'Allvarlig vårdskada' }),
    );
  }

  /** A lex Sarah case decided `allvarligt_missforhallande` by the director (the demo delegation). */
  async function seriousLexSarah(): Promise<CaseBody> {
    const { id } = await reported('lex_sarah', 'enhetschef');
    await ok(post('enhetschef', id, 'acknowledge', { note: 'Mottaget' }));
    await ok(post('forvaltningschef', id, 'start-investigation'));
    await ok(
      post('forvaltningschef', id, 'record-investigation', {
        summary: 'Tillsyn uteblev',
        causes: ['Bemanning'],
      }),
    );
    return ok(
      post('forvaltningschef', id, 'decide', {
        outcome: 'allvarligt_missforhallande',
        rationale: 'Brukaren utsattes för allvarlig fara',
      }),
    );
  }

  it('drives a lex Maria case as mas from report to closed; the checklist follows each step; IVO’s decision reopens it', async () => {
    const created = await reported('lex_maria');
    const { id } = created;
    expect(statuses(created)).toEqual({
      mas_classification: 'due',
      investigation: 'due',
      decision: 'waiting',
      patient_information: 'due',
      journal_note: 'due',
      ivo_report: 'waiting',
      board_information: 'waiting',
    });
    expect(created.statutorySteps.map((s) => s.key)).toEqual([
      'mas_classification',
      'investigation',
      'decision',
      'patient_information',
      'journal_note',
      'ivo_report',
      'board_information',
    ]);
    expect(stepOf(created, 'patient_information')).toMatchObject({
      command: 'inform-patient',
      dueAt: created.deadlines.find((d) => d.kind === 'patient_information')!.dueAt,
    });
    // P1D from the report (DL-9); ±1 h should the day cross a daylight-saving change.
    const patientDue = created.deadlines.find((d) => d.kind === 'patient_information')!.dueAt;
    expect(
      Math.abs(Date.parse(patientDue) - Date.parse(String(created.reportedAt)) - 86_400_000),
    ).toBeLessThanOrEqual(3_600_000);
    expect(created).toMatchObject({
      patientInformation: null,
      journalNote: null,
      boardInformation: null,
      ivoDecisions: [],
    });

    // LC-8 step 1: the MAS's classification meets mas_classification.
    const classified = await ok(
      post('mas', id, 'classify', { category: 'läkemedel', lagrum: '3 kap. 5 § PSL' }),
    );
    expect(classified.deadlines.find((d) => d.kind === 'mas_classification')!.status).toBe('met');
    expect(stepOf(classified, 'mas_classification').status).toBe('done');

    await ok(post('mas', id, 'assign', { assignee: 'mas' }));
    await ok(post('mas', id, 'start-investigation'));
    const investigated = await ok(
      post('mas', id, 'record-investigation', { summary: 'Dubbel dos gavs', causes: ['Rutin saknades'] }),
    );
    expect(statuses(investigated)).toMatchObject({ investigation: 'done', decision: 'due' });

    const decided = await ok(
      post('mas', id, 'decide', { outcome: 'allvarlig_vardskada', rationale: 'Allvarlig vårdskada' }),
    );
    expect(statuses(decided)).toMatchObject({
      decision: 'done',
      patient_information: 'due',
      journal_note: 'due',
      ivo_report: 'due',
      board_information: 'waiting',
    });
    expect(stepOf(decided, 'ivo_report').dueAt).toBe(
      decided.deadlines.find((d) => d.kind === 'ivo_report')!.dueAt,
    );

    // LC-8 step 3 before step 5: no IVO notification until the patient is informed.
    const ivoBody = { ivoReference: 'IVO 3.5.1-4711/2026', reportedAt: today() };
    await refusedUnchanged(
      id,
      post('mas', id, 'report-to-ivo', ivoBody),
      409,
      'INVALID_TRANSITION',
      'PATIENT_INFORMATION_REQUIRED',
    );

    const informedAt = isoMinutesFromNow(-60);
    const informed = await ok(
      post('mas', id, 'inform-patient', {
        informedAt,
        who: 'relative',
        how: 'phone',
        note: 'Dottern informerad',
      }),
    );
    expect(informed.patientInformation).toEqual({
      informedAt: new Date(informedAt).toISOString(),
      who: 'relative',
      how: 'phone',
      note: 'Dottern informerad',
      role: 'mas',
      by: 'mas',
      at: expect.any(String),
    });
    expect(informed.deadlines.find((d) => d.kind === 'patient_information')!.status).toBe('met');
    expect(informed.tasks.filter((t) => t.kind === 'inform_patient').map((t) => t.status)).toEqual(['done']);
    expect(stepOf(informed, 'patient_information')).toMatchObject({
      status: 'done',
      doneAt: expect.any(String),
    });
    await refusedUnchanged(
      id,
      post('mas', id, 'inform-patient', { informedAt, who: 'patient', how: 'meeting' }),
      409,
      'INVALID_TRANSITION',
      'PATIENT_ALREADY_INFORMED',
    );

    // The nämnd cannot be informed of a notification that is not made yet.
    await refusedUnchanged(
      id,
      post('mas', id, 'inform-board', { meetingDate: today() }),
      409,
      'INVALID_TRANSITION',
      'IVO_REPORT_REQUIRED',
    );

    const reportedToIvo = await ok(post('mas', id, 'report-to-ivo', ivoBody));
    expect(statuses(reportedToIvo)).toMatchObject({ ivo_report: 'done', board_information: 'due' });
    // DL-6: due at the nämnd's next meeting after the report.
    const boardDeadline = reportedToIvo.deadlines.find((d) => d.kind === 'board_information')!;
    expect(boardDeadline.status).toBe('open');
    expect(Date.parse(boardDeadline.dueAt)).toBeGreaterThan(Date.now());
    expect(stepOf(reportedToIvo, 'board_information').dueAt).toBe(boardDeadline.dueAt);
    expect(reportedToIvo.tasks.filter((t) => t.kind === 'inform_board')).toEqual([
      expect.objectContaining({ status: 'open', assigneeRole: 'mas' }),
    ]);
    // …and it is in the MAS's inbox (the projection knows the new task kind).
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await api.call<{ items: { caseId: string; kind: string }[] }>('GET', '/api/v1/tasks', {
      token: tokens['mas'],
    });
    expect(inbox.body.items.filter((t) => t.caseId === id).map((t) => t.kind)).toContain('inform_board');

    // The closing rules: journal note first, then the nämnd; nothing written by a refusal.
    await refusedUnchanged(
      id,
      post('mas', id, 'close', { summary: 'Klart' }),
      409,
      'INVALID_TRANSITION',
      'JOURNAL_NOTE_REQUIRED',
    );
    const noted = await ok(post('mas', id, 'confirm-journal-note', { notedAt: today() }));
    expect(noted.journalNote).toEqual({ notedAt: today(), role: 'mas', by: 'mas', at: expect.any(String) });
    expect(stepOf(noted, 'journal_note').status).toBe('done');
    await refusedUnchanged(
      id,
      post('mas', id, 'close', { summary: 'Klart' }),
      409,
      'INVALID_TRANSITION',
      'BOARD_INFORMATION_REQUIRED',
    );

    const boardInformed = await ok(
      post('mas', id, 'inform-board', { meetingDate: stockholmDateDaysAgo(0), paragraph: '§ 12' }),
    );
    expect(boardInformed.boardInformation).toEqual({
      meetingDate: today(),
      paragraph: '§ 12',
      role: 'mas',
      by: 'mas',
      at: expect.any(String),
    });
    expect(boardInformed.deadlines.find((d) => d.kind === 'board_information')!.status).toBe('met');
    expect(boardInformed.tasks.find((t) => t.kind === 'inform_board')!.status).toBe('done');
    expect(statuses(boardInformed)).toEqual({
      mas_classification: 'done',
      investigation: 'done',
      decision: 'done',
      patient_information: 'done',
      journal_note: 'done',
      ivo_report: 'done',
      board_information: 'done',
    });
    await refusedUnchanged(
      id,
      post('mas', id, 'inform-board', { meetingDate: today() }),
      409,
      'INVALID_TRANSITION',
      'BOARD_ALREADY_INFORMED',
    );

    // An action, carried out and followed up, as a real case has.
    const withAction = await ok(
      post('mas', id, 'add-action', {
        title: 'Dubbelsignering av läkemedel',
        level: 'organisational',
        owner: 'enhetschef',
        dueAt: isoMinutesFromNow(30 * 24 * 60),
      }),
    );
    await ok(post('mas', id, 'complete-action', { actionId: withAction.actions[0]!.id, result: 'Infört' }));
    await ok(post('mas', id, 'follow-up', { effective: true, note: 'Inga nya fel' }));
    const closed = await ok(post('mas', id, 'close', { summary: 'Utrett, informerat, anmält' }));
    expect(closed.stage).toBe('closed');

    // LC-6 S9: IVO decides long after — recorded on the closed case without reopening it.
    const recorded = await ok(
      post('mas', id, 'record-ivo-decision', { decidedAt: today(), summary: 'IVO avslutar ärendet' }),
    );
    expect(recorded.stage).toBe('closed');
    expect(recorded.ivoDecisions).toEqual([
      {
        decidedAt: today(),
        summary: 'IVO avslutar ärendet',
        reopened: false,
        role: 'mas',
        by: 'mas',
        at: expect.any(String),
      },
    ]);

    // `reopen: true` reopens the closed case with IVO's decision as the reason.
    const reopened = await ok(
      post('mas', id, 'record-ivo-decision', {
        decidedAt: today(),
        summary: 'IVO begär kompletterande utredning',
        reopen: true,
      }),
    );
    expect(reopened.stage).toBe('investigating');
    // A reopened case is investigated and decided again; what the patient and the journal got stays done.
    expect(statuses(reopened)).toMatchObject({
      investigation: 'due',
      decision: 'waiting',
      patient_information: 'done',
      journal_note: 'done',
    });
    expect(reopened.reopenCount).toBe(closed.reopenCount + 1);
    expect(reopened.ivoDecisions.map((d) => d.reopened)).toEqual([false, true]);
    const history = await api.call<EventView[]>('GET', `/api/v1/cases/${id}/events`, {
      token: tokens['kvalitet'],
    });
    expect(history.body.filter((e) => e.type === 'CaseReopened').at(-1)).toMatchObject({
      type: 'CaseReopened',
      data: { reason: 'IVO:s beslut: IVO begär kompletterande utredning' },
    });
    await refusedUnchanged(
      id,
      post('mas', id, 'record-ivo-decision', { decidedAt: today(), summary: 'Igen', reopen: true }),
      409,
      'INVALID_TRANSITION',
      'CASE_NOT_CLOSED',
    );

    // Each step is on record with actor, role and time.
    for (const type of ['PatientInformed', 'JournalNoteConfirmed', 'BoardInformed', 'IvoDecisionRecorded']) {
      const events = history.body.filter((e) => e.type === type);
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        expect(event).toMatchObject({ actor: 'mas', data: { role: 'mas', by: 'mas' } });
        expect(Date.parse(String(event.data['at']))).not.toBeNaN();
        expect(Date.parse(event.occurredAt)).not.toBeNaN();
      }
    }

    // A new serious decision after the reopen is a new notification, of which the nämnd hears again
    // (DL-6); the patient's information and the journal note stand.
    await ok(post('mas', id, 'record-investigation', { summary: 'Kompletterad', causes: ['Rutin'] }));
    await ok(
      post('mas', id, 'decide', { outcome: 'allvarlig_vardskada', rationale: 'Fortfarande allvarlig' }),
    );
    const again = await ok(
      post('mas', id, 'report-to-ivo', { ivoReference: 'IVO 3.5.1-4712/2026', reportedAt: today() }),
    );
    expect(statuses(again)).toMatchObject({
      patient_information: 'done',
      journal_note: 'done',
      ivo_report: 'done',
      board_information: 'due',
    });
    await refusedUnchanged(
      id,
      post('mas', id, 'close', { summary: 'Klart igen' }),
      409,
      'INVALID_TRANSITION',
      'BOARD_INFORMATION_REQUIRED',
    );
    const informedAgain = await ok(
      post('mas', id, 'inform-board', { meetingDate: today(), paragraph: '§ 20' }),
    );
    expect(informedAgain.boardInformation).toMatchObject({ paragraph: '§ 20' });
    expect(statuses(informedAgain)['board_information']).toBe('done');
    expect((await ok(post('mas', id, 'close', { summary: 'Klart igen' }))).stage).toBe('closed');

    // GET /cases/{id} shows the same as the commands answered.
    const final = await read(id);
    expect(final.statutorySteps.every((s) => s.status === 'done')).toBe(true);
    expect(final.ivoDecisions).toHaveLength(2);
    expect(final.boardInformation).toMatchObject({ paragraph: '§ 20', role: 'mas', by: 'mas' });
    expect(final.patientInformation).toMatchObject({ who: 'relative', how: 'phone' });
  });

  it('a non-serious lex Maria decision: no IVO notification and no nämnd — ivo_report and board_information not_required; “not possible” answers the patient step', async () => {
    const { id } = await reported('lex_maria');
    await ok(post('mas', id, 'classify', { category: 'läkemedel', lagrum: '3 kap. 5 § PSL' }));
    await ok(post('mas', id, 'start-investigation'));
    await ok(post('mas', id, 'record-investigation', { summary: 'Fel tid', causes: ['Stress'] }));
    const decided = await ok(
      post('mas', id, 'decide', { outcome: 'vardskada', rationale: 'Lindrig vårdskada' }),
    );
    expect(statuses(decided)).toMatchObject({
      decision: 'done',
      patient_information: 'due',
      journal_note: 'due',
      ivo_report: 'not_required',
      board_information: 'not_required',
    });
    await refusedUnchanged(
      id,
      post('mas', id, 'close', { summary: 'Klart' }),
      409,
      'INVALID_TRANSITION',
      'PATIENT_INFORMATION_REQUIRED',
    );
    const notPossible = await ok(
      post('mas', id, 'inform-patient', { notPossibleReason: 'Patienten är avliden' }),
    );
    expect(notPossible.patientInformation).toMatchObject({
      notPossibleReason: 'Patienten är avliden',
      role: 'mas',
      by: 'mas',
    });
    expect(stepOf(notPossible, 'patient_information').status).toBe('done');
    // LC-8 step 3: a "not possible" may later be followed by the information itself — once.
    const later = await ok(
      post('mas', id, 'inform-patient', {
        informedAt: isoMinutesFromNow(-1),
        who: 'relative',
        how: 'letter',
      }),
    );
    expect(later.patientInformation).toMatchObject({ who: 'relative', how: 'letter', by: 'mas' });
    expect(later.patientInformation).not.toHaveProperty('notPossibleReason');
    await refusedUnchanged(
      id,
      post('mas', id, 'inform-patient', { notPossibleReason: 'Ändrat mig' }),
      409,
      'INVALID_TRANSITION',
      'PATIENT_ALREADY_INFORMED',
    );
    await ok(post('mas', id, 'confirm-journal-note', { notedAt: today() }));
    expect((await ok(post('mas', id, 'close', { summary: 'Klart' }))).stage).toBe('closed');
    // No notification to IVO, so no IVO decision to record.
    await refusedUnchanged(
      id,
      post('mas', id, 'record-ivo-decision', { decidedAt: today(), summary: 'x' }),
      409,
      'INVALID_TRANSITION',
      'IVO_REPORT_REQUIRED',
    );
  });

  it('who may: staff and a unit manager 403 for inform-board/record-ivo-decision, a unit manager 403 for inform-patient; the assignee may inform the patient; 403 before 409', async () => {
    // Assigned to a unit manager of another unit: the assignee's work, not the line's.
    const decided = await seriousLexMaria('enhetschef.ekbacken');
    const { id } = decided;

    for (const user of ['medarbetare', 'enhetschef'])
      for (const [command, body] of [
        ['inform-board', { meetingDate: today() }],
        ['record-ivo-decision', { decidedAt: today(), summary: 'x', reopen: true }],
      ] as const)
        // Before report-to-ivo (and not closed): the 409 would follow, the 403 comes first.
        await refusedUnchanged(id, post(user, id, command, body), 403, 'FORBIDDEN');
    await refusedUnchanged(
      id,
      post('enhetschef', id, 'inform-patient', {
        informedAt: isoMinutesFromNow(-5),
        who: 'patient',
        how: 'meeting',
      }),
      403,
      'FORBIDDEN',
    );
    await refusedUnchanged(
      id,
      post('enhetschef', id, 'confirm-journal-note', { notedAt: today() }),
      403,
      'FORBIDDEN',
    );
    // 403 comes before 400 too.
    await refusedUnchanged(
      id,
      post('enhetschef', id, 'inform-patient', { informedAt: 'igår' }),
      403,
      'FORBIDDEN',
    );
    // sas handles lex Sarah, not lex Maria.
    await refusedUnchanged(id, post('sas', id, 'inform-board', { meetingDate: today() }), 403, 'FORBIDDEN');

    const view = await read(id, 'enhetschef.ekbacken');
    expect(view.allowedCommands).toEqual(expect.arrayContaining(['inform-patient', 'confirm-journal-note']));
    expect(view.allowedCommands).not.toContain('inform-board');
    expect((await read(id, 'enhetschef')).allowedCommands).not.toContain('inform-patient');
    expect((await read(id, 'mas')).allowedCommands).toEqual(
      expect.arrayContaining([
        'inform-patient',
        'confirm-journal-note',
        'inform-board',
        'record-ivo-decision',
      ]),
    );

    const informed = await ok(
      post('enhetschef.ekbacken', id, 'inform-patient', {
        informedAt: isoMinutesFromNow(-30),
        who: 'patient',
        how: 'meeting',
      }),
    );
    expect(informed.patientInformation).toMatchObject({ role: 'assignee', by: 'enhetschef.ekbacken' });
    const noted = await ok(post('enhetschef.ekbacken', id, 'confirm-journal-note', { notedAt: today() }));
    expect(noted.journalNote).toMatchObject({ role: 'assignee', by: 'enhetschef.ekbacken' });
    // The director may do what those who report to IVO may.
    await ok(post('mas', id, 'report-to-ivo', { ivoReference: 'IVO 1/2026', reportedAt: today() }));
    const byDirector = await ok(post('forvaltningschef', id, 'inform-board', { meetingDate: today() }));
    expect(byDirector.boardInformation).toMatchObject({ role: 'director', by: 'forvaltningschef' });
  });

  it('bad bodies are 400 VALIDATION_FAILED and write nothing', async () => {
    const decided = await seriousLexMaria();
    const { id } = decided;
    const both = await refusedUnchanged(
      id,
      post('mas', id, 'inform-patient', {
        notPossibleReason: 'Patienten okontaktbar',
        informedAt: isoMinutesFromNow(-5),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(both.errors?.map((e) => e.field)).toContain('informedAt');
    await refusedUnchanged(
      id,
      post('mas', id, 'inform-patient', { informedAt: isoMinutesFromNow(-5), who: 'granne', how: 'phone' }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedUnchanged(
      id,
      post('mas', id, 'inform-patient', { informedAt: isoMinutesFromNow(60), who: 'patient', how: 'phone' }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedUnchanged(id, post('mas', id, 'inform-patient', {}), 400, 'VALIDATION_FAILED');
    await refusedUnchanged(
      id,
      post('mas', id, 'confirm-journal-note', { notedAt: 'nyss' }),
      400,
      'VALIDATION_FAILED',
    );

    await ok(post('mas', id, 'inform-patient', { notPossibleReason: 'Patienten okontaktbar' }));
    await ok(post('mas', id, 'report-to-ivo', { ivoReference: 'IVO 2/2026', reportedAt: today() }));
    const future = await refusedUnchanged(
      id,
      post('mas', id, 'inform-board', { meetingDate: stockholmDateDaysAgo(-7) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(future.errors?.map((e) => e.field)).toEqual(['meetingDate']);
    for (const meetingDate of ['nästa onsdag', '2026-02-30', `${today()}T10:00:00+01:00`, 20261216])
      await refusedUnchanged(id, post('mas', id, 'inform-board', { meetingDate }), 400, 'VALIDATION_FAILED');
    await refusedUnchanged(id, post('mas', id, 'inform-board', {}), 400, 'VALIDATION_FAILED');
    await refusedUnchanged(
      id,
      post('mas', id, 'record-ivo-decision', { decidedAt: today(), summary: 'x', reopen: 'ja' }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedUnchanged(
      id,
      post('mas', id, 'record-ivo-decision', { decidedAt: today(), summary: '  ' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('an HSL deviation: the journal note waits for the decision, is not required without a vårdskada, and is confirmed after one (LC-7)', async () => {
    const hsl = async (outcome: string) => {
      const { id } = await reported('hsl_deviation');
      const classified = await ok(
        post('mas', id, 'classify', { category: 'läkemedel', lagrum: '3 kap. 5 § PSL' }),
      );
      expect(statuses(classified)).toEqual({
        mas_classification: 'done',
        investigation: 'due',
        journal_note: 'waiting',
      });
      await ok(post('enhetschef', id, 'start-investigation'));
      await ok(post('enhetschef', id, 'record-investigation', { summary: 'Fel dos', causes: ['Rutin'] }));
      await refusedUnchanged(
        id,
        post('mas', id, 'confirm-journal-note', { notedAt: today() }),
        409,
        'INVALID_TRANSITION',
        'VARDSKADA_REQUIRED',
      );
      return ok(post('enhetschef', id, 'decide', { outcome, rationale: 'MAS bedömning' }));
    };
    const none = await hsl('ej_vardskada');
    expect(stepOf(none, 'journal_note').status).toBe('not_required');
    await refusedUnchanged(
      none.id,
      post('mas', none.id, 'confirm-journal-note', { notedAt: today() }),
      409,
      'INVALID_TRANSITION',
      'VARDSKADA_REQUIRED',
    );
    const harm = await hsl('vardskada');
    expect(stepOf(harm, 'journal_note').status).toBe('due');
    // Not a lex Maria case: no patient step and no nämnd.
    await refusedUnchanged(
      harm.id,
      post('mas', harm.id, 'inform-patient', { notPossibleReason: 'x' }),
      409,
      'INVALID_TRANSITION',
    );
    await refusedUnchanged(
      harm.id,
      post('mas', harm.id, 'inform-board', { meetingDate: today() }),
      403,
      'FORBIDDEN',
    );
    const noted = await ok(post('mas', harm.id, 'confirm-journal-note', { notedAt: today() }));
    expect(noted.journalNote).toMatchObject({ notedAt: today(), role: 'mas', by: 'mas' });
    expect(stepOf(noted, 'journal_note').status).toBe('done');
    // Other types have no checklist.
    const deviation = await reported('deviation');
    expect(deviation).toMatchObject({
      statutorySteps: [],
      patientInformation: null,
      journalNote: null,
      boardInformation: null,
      ivoDecisions: [],
    });
  });

  it('a serious lex Sarah case (the director decides) cannot close without inform-board; sas may inform the nämnd on lex Sarah', async () => {
    const decided = await seriousLexSarah();
    const { id } = decided;
    expect(decided.statutorySteps.map((s) => s.key)).toEqual([
      'first_response',
      'investigation',
      'decision',
      'ivo_report',
      'board_information',
    ]);
    expect(statuses(decided)).toEqual({
      first_response: 'done',
      investigation: 'done',
      decision: 'done',
      ivo_report: 'due',
      board_information: 'waiting',
    });
    // Not lex Maria: the patient step is the MAS's or the assignee's on lex Maria only.
    await refusedUnchanged(
      id,
      post('forvaltningschef', id, 'inform-patient', { notPossibleReason: 'x' }),
      403,
      'FORBIDDEN',
    );
    const reportedToIvo = await ok(
      post('forvaltningschef', id, 'report-to-ivo', {
        ivoReference: 'IVO 3.5.1-99/2026',
        reportedAt: today(),
      }),
    );
    expect(statuses(reportedToIvo)).toMatchObject({ ivo_report: 'done', board_information: 'due' });
    // DL-6 for lex Sarah: the director's task.
    expect(reportedToIvo.tasks.filter((t) => t.kind === 'inform_board')).toEqual([
      expect.objectContaining({ status: 'open', assigneeRole: 'director' }),
    ]);
    await refusedUnchanged(
      id,
      post('forvaltningschef', id, 'close', { summary: 'Klart' }),
      409,
      'INVALID_TRANSITION',
      'BOARD_INFORMATION_REQUIRED',
    );
    for (const user of ['medarbetare', 'enhetschef'])
      await refusedUnchanged(id, post(user, id, 'inform-board', { meetingDate: today() }), 403, 'FORBIDDEN');
    const informed = await ok(post('sas', id, 'inform-board', { meetingDate: today(), paragraph: '§ 7' }));
    expect(informed.boardInformation).toMatchObject({
      meetingDate: today(),
      paragraph: '§ 7',
      role: 'lex_sarah_investigator',
      by: 'sas',
    });
    expect(stepOf(informed, 'board_information').status).toBe('done');
    expect(
      (await ok(post('forvaltningschef', id, 'close', { summary: 'Anmält och nämnden informerad' }))).stage,
    ).toBe('closed');
    const ivoDecision = await ok(
      post('sas', id, 'record-ivo-decision', { decidedAt: today(), summary: 'IVO avslutar tillsynen' }),
    );
    expect(ivoDecision.ivoDecisions).toEqual([
      expect.objectContaining({ role: 'lex_sarah_investigator', by: 'sas' }),
    ]);
  });
  it('order of refusals on a lex Maria report-to-ivo: 403, then the missing patient step, then DELEGATION_MISSING; the steps themselves need no delegation', async () => {
    const { id } = await seriousLexMaria();
    const register = await api.call<{ version: number; items: { decision: string }[] }>(
      'GET',
      '/api/v1/delegations',
      { token: tokens['kvalitet'] },
    );
    const tomorrow = stockholmDateDaysAgo(-1);
    const onlyTomorrow = [
      ...register.body.items.filter((i) => !i.decision.startsWith('lex_maria')),
      ...['lex_maria_classification', 'lex_maria_decision', 'lex_maria_ivo_report'].map((decision) => ({
        decision,
        role: 'mas',
        validFrom: tomorrow,
      })),
    ];
    const put = (items: unknown[], version: number) =>
      api.call<{ version: number }>('PUT', '/api/v1/delegations', {
        token: tokens['kvalitet'],
        body: { version, items },
      });
    const saved = await put(onlyTomorrow, register.body.version);
    expect(saved.status).toBe(200);
    try {
      const ivoBody = { ivoReference: 'IVO 3.5.1-5/2026', reportedAt: today() };
      await refusedUnchanged(id, post('enhetschef', id, 'report-to-ivo', ivoBody), 403, 'FORBIDDEN');
      await refusedUnchanged(
        id,
        post('mas', id, 'report-to-ivo', ivoBody),
        409,
        'INVALID_TRANSITION',
        'PATIENT_INFORMATION_REQUIRED',
      );
      await ok(
        post('mas', id, 'inform-patient', {
          informedAt: isoMinutesFromNow(-10),
          who: 'patient',
          how: 'letter',
        }),
      );
      await ok(post('mas', id, 'confirm-journal-note', { notedAt: today() }));
      await refusedUnchanged(
        id,
        post('mas', id, 'inform-board', { meetingDate: today() }),
        409,
        'INVALID_TRANSITION',
        'IVO_REPORT_REQUIRED',
      );
      await refusedUnchanged(id, post('mas', id, 'report-to-ivo', ivoBody), 409, 'DELEGATION_MISSING');
    } finally {
      expect((await put(register.body.items, saved.body.version)).status).toBe(200);
    }
    await ok(post('mas', id, 'report-to-ivo', { ivoReference: 'IVO 3.5.1-5/2026', reportedAt: today() }));
    expect(
      (await ok(post('mas', id, 'inform-board', { meetingDate: today() }))).statutorySteps.every(
        (s) => s.status === 'done',
      ),
    ).toBe(true);
  });
});
