import type { CaseActor } from '../case-commands';
import type { CaseState } from '../case-state';
import { statutoryChecklist } from '../statutory-checklist';
import { SAS, T0_ISO, caseReported, command, events as e, given } from '../test-support';

const MAS: CaseActor = { username: 'mas', roles: ['mas'] };
const DIRECTOR: CaseActor = { username: 'forvaltningschef', roles: ['director'] };
const NURSE: CaseActor = { username: 'ssk', roles: ['unit_manager'] };

const lexMaria = () => caseReported({ type: 'lex_maria', caseNumber: 'LM-2026-0001' });
const hsl = () => caseReported({ type: 'hsl_deviation', caseNumber: 'HA-2026-0001' });
const decidedSerious = [
  e.investigationStarted(),
  e.investigationRecorded(),
  e.decided('allvarlig_vardskada'),
];
const patientOpen = [
  e.deadlineStarted('d-pat', 'patient_information', { dueAt: '2026-11-21T15:00:00.000Z' }),
  e.taskCreated('t-pat', 'inform_patient', { assigneeRole: 'mas', deadlineId: 'd-pat' }),
];
const informed = { informedAt: '2026-11-20T14:00:00+01:00', who: 'relative', how: 'phone' };

describe("the MAS's classification (LC-7, DL-7): mas_classification", () => {
  const masOpen = [
    e.deadlineStarted('d-mas', 'mas_classification', { dueAt: '2026-11-23T15:00:00.000Z' }),
    e.taskCreated('t-mas', 'classify', { assigneeRole: 'mas', deadlineId: 'd-mas' }),
  ];

  it('is met by classify by the MAS, who is recorded as such, and completes the MAS task', () => {
    const classified = given(hsl(), ...masOpen).when(command('classify', { category: 'läkemedel' }, MAS));
    expect(classified.events().map((event) => event.type)).toEqual([
      'CaseClassified',
      'DeadlineMet',
      'TaskCompleted',
    ]);
    expect(classified.events()[0]!.data).toMatchObject({ byMas: true });
    expect(classified.state()!.statutorySteps.masClassifiedAt).toBe(T0_ISO);
  });

  it('is not met when someone else sets the category', () => {
    const classified = given(hsl(), ...masOpen).when(command('classify', { category: 'läkemedel' }, NURSE));
    expect(classified.events().map((event) => event.type)).toEqual(['CaseClassified']);
    expect(classified.state()!.statutorySteps.masClassifiedAt).toBeNull();
  });
});

describe('inform-patient (LC-8 step 3, DL-9)', () => {
  it('records who, when and how with the role; meets patient_information and completes its task', () => {
    given(lexMaria(), ...patientOpen)
      .when(command('inform-patient', { ...informed, note: 'Dottern ringdes upp.' }, MAS))
      .then(
        {
          type: 'PatientInformed',
          data: {
            informedAt: '2026-11-20T13:00:00.000Z',
            who: 'relative',
            how: 'phone',
            note: 'Dottern ringdes upp.',
            role: 'mas',
            by: 'mas',
            at: T0_ISO,
          },
        },
        { type: 'DeadlineMet', data: { deadlineId: 'd-pat', at: T0_ISO } },
        { type: 'TaskCompleted', data: { taskId: 't-pat', at: T0_ISO, by: 'mas' } },
      );
  });

  it('takes "not possible" with its reason instead, and the information itself later', () => {
    const notPossible = given(lexMaria()).when(
      command('inform-patient', { notPossibleReason: 'Patienten avled; inga kända närstående.' }, MAS),
    );
    expect(notPossible.events()[0]!.data).toMatchObject({
      notPossibleReason: expect.any(String),
      role: 'mas',
    });
    const afterwards = [lexMaria(), ...notPossible.events()];
    expect(given(...afterwards).when(command('inform-patient', informed, MAS)).result.ok).toBe(true);
  });

  it('records the assignee as such', () => {
    given(lexMaria(), e.assigned('ssk'))
      .when(command('inform-patient', informed, NURSE))
      .then({
        type: 'PatientInformed',
        data: expect.objectContaining({ role: 'assignee', by: 'ssk' }),
      });
  });

  it('refuses both kinds of answer at once, a missing field, a future time, another type and a repeat', () => {
    given(lexMaria())
      .when(command('inform-patient', { ...informed, notPossibleReason: 'x' }, MAS))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'informedAt' });
    given(lexMaria())
      .when(command('inform-patient', { informedAt: informed.informedAt, how: 'phone' }, MAS))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'who' });
    given(lexMaria())
      .when(command('inform-patient', { ...informed, informedAt: '2030-01-01T00:00:00Z' }, MAS))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'informedAt' });
    given(hsl())
      .when(command('inform-patient', informed, MAS))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOT_ALLOWED_FOR_TYPE' });
    given(lexMaria(), e.patientInformed())
      .when(command('inform-patient', informed, MAS))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'PATIENT_ALREADY_INFORMED' });
  });
});

describe('confirm-journal-note (LC-7, LC-8 step 4)', () => {
  it('is always for lex Maria, and for an HSL deviation once it is judged a vårdskada', () => {
    given(lexMaria())
      .when(command('confirm-journal-note', { notedAt: '2026-11-20' }, MAS))
      .then({
        type: 'JournalNoteConfirmed',
        data: { notedAt: '2026-11-20', role: 'mas', by: 'mas', at: T0_ISO },
      });
    given(hsl())
      .when(command('confirm-journal-note', { notedAt: '2026-11-20' }, MAS))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'VARDSKADA_REQUIRED' });
    given(hsl(), e.investigationStarted(), e.investigationRecorded(), e.decided('ej_vardskada'))
      .when(command('confirm-journal-note', { notedAt: '2026-11-20' }, MAS))
      .thenRefused({ reason: 'VARDSKADA_REQUIRED' });
    expect(
      given(hsl(), e.investigationStarted(), e.investigationRecorded(), e.decided('vardskada')).when(
        command('confirm-journal-note', { notedAt: '2026-11-20' }, MAS),
      ).result.ok,
    ).toBe(true);
    given(caseReported())
      .when(command('confirm-journal-note', { notedAt: '2026-11-20' }, MAS))
      .thenRefused({ reason: 'NOT_ALLOWED_FOR_TYPE' });
    given(lexMaria(), e.journalNoteConfirmed())
      .when(command('confirm-journal-note', { notedAt: '2026-11-20' }, MAS))
      .thenRefused({ reason: 'JOURNAL_NOTE_ALREADY_CONFIRMED' });
  });
});

describe('inform-board (DL-6, LC-6 S7, LC-8 step 6)', () => {
  const ivoReported = [lexMaria(), ...decidedSerious, e.patientInformed(), e.reportedToIvo()];
  const boardOpen = [
    e.deadlineStarted('d-board', 'board_information', { dueAt: '2026-12-17T23:00:00.000Z' }),
    e.taskCreated('t-board', 'inform_board', { assigneeRole: 'mas', deadlineId: 'd-board' }),
  ];

  it('follows the IVO notification, meets board_information and completes its task', () => {
    given(...ivoReported, ...boardOpen)
      .when(command('inform-board', { meetingDate: '2026-11-18', paragraph: '§ 141' }, MAS))
      .then(
        {
          type: 'BoardInformed',
          data: { meetingDate: '2026-11-18', paragraph: '§ 141', role: 'mas', by: 'mas', at: T0_ISO },
        },
        { type: 'DeadlineMet', data: { deadlineId: 'd-board', at: T0_ISO } },
        { type: 'TaskCompleted', data: { taskId: 't-board', at: T0_ISO, by: 'mas' } },
      );
  });

  it('is refused before the IVO notification, for a meeting not yet held, on other types and twice', () => {
    given(lexMaria(), ...decidedSerious)
      .when(command('inform-board', { meetingDate: '2026-11-18' }, MAS))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_REQUIRED' });
    given(...ivoReported)
      .when(command('inform-board', { meetingDate: '2026-11-21' }, MAS))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'meetingDate' });
    given(...ivoReported)
      .when(command('inform-board', { meetingDate: '2026-11-18T10:00:00Z' }, MAS))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'meetingDate' });
    given(caseReported({ type: 'deviation', caseNumber: 'AV-2026-0001' }))
      .when(command('inform-board', { meetingDate: '2026-11-18' }, DIRECTOR))
      .thenRefused({ reason: 'NOT_ALLOWED_FOR_TYPE' });
    given(...ivoReported, e.boardInformed())
      .when(command('inform-board', { meetingDate: '2026-11-18' }, MAS))
      .thenRefused({ reason: 'BOARD_ALREADY_INFORMED' });
  });
});

describe('record-ivo-decision (LC-6 S9, LC-8)', () => {
  const lexSarahReported = [caseReported(), ...decidedSeriousSarah(), e.reportedToIvo()];
  function decidedSeriousSarah() {
    return [e.investigationStarted(), e.investigationRecorded(), e.decided('allvarligt_missforhallande')];
  }

  it('is recorded after the notification, also on a closed case, and may reopen a closed case', () => {
    given(...lexSarahReported)
      .when(command('record-ivo-decision', { decidedAt: '2026-11-20', summary: 'Ärendet avslutas.' }, SAS))
      .then({
        type: 'IvoDecisionRecorded',
        data: {
          decidedAt: '2026-11-20',
          summary: 'Ärendet avslutas.',
          reopened: false,
          role: 'lex_sarah_investigator',
          by: 'sas',
          at: T0_ISO,
        },
      });
    const closed = [...lexSarahReported, e.boardInformed(), e.closed()];
    given(...closed)
      .when(
        command(
          'record-ivo-decision',
          { decidedAt: '2026-11-20', summary: 'Brister kvarstår.', reopen: true },
          DIRECTOR,
        ),
      )
      .then(
        {
          type: 'IvoDecisionRecorded',
          data: expect.objectContaining({ reopened: true, role: 'director' }),
        },
        {
          type: 'CaseReopened',
          data: { reason: 'IVO:s beslut: Brister kvarstår.', by: 'forvaltningschef', at: T0_ISO },
        },
      );
  });

  it('refuses reopening a case that is not closed, and a decision before any notification', () => {
    given(...lexSarahReported)
      .when(command('record-ivo-decision', { decidedAt: '2026-11-20', summary: 'x', reopen: true }, SAS))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'CASE_NOT_CLOSED' });
    given(caseReported())
      .when(command('record-ivo-decision', { decidedAt: '2026-11-20', summary: 'x' }, SAS))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_REQUIRED' });
  });
});

describe('the v1.1 closing rules and report-to-ivo on lex Maria', () => {
  const close = command('close', { summary: 'Klart.' }, MAS);
  const report = command('report-to-ivo', { ivoReference: 'IVO 1', reportedAt: '2026-11-20' }, MAS);

  it('a lex Maria case reports to IVO only after the patient is told, and closes only with every step', () => {
    given(lexMaria(), ...decidedSerious)
      .when(report)
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'PATIENT_INFORMATION_REQUIRED' });
    const reported = [lexMaria(), ...decidedSerious, e.patientInformed(), e.reportedToIvo()];
    given(...reported)
      .when(close)
      .thenRefused({ reason: 'JOURNAL_NOTE_REQUIRED' });
    given(...reported, e.journalNoteConfirmed())
      .when(close)
      .thenRefused({ reason: 'BOARD_INFORMATION_REQUIRED' });
    expect(given(...reported, e.journalNoteConfirmed(), e.boardInformed()).when(close).result.ok).toBe(true);
  });

  it('a lex Maria case without a serious decision still needs the patient and the journal, not the nämnd', () => {
    const decided = [lexMaria(), e.investigationStarted(), e.investigationRecorded(), e.decided('vardskada')];
    given(...decided)
      .when(close)
      .thenRefused({ reason: 'PATIENT_INFORMATION_REQUIRED' });
    expect(given(...decided, e.patientInformed(), e.journalNoteConfirmed()).when(close).result.ok).toBe(true);
  });
});

describe('statutoryChecklist', () => {
  it('walks a lex Maria case from due to done, the IVO steps waiting for the decision', () => {
    const at = (state: CaseState) =>
      Object.fromEntries(statutoryChecklist(state!).map((step) => [step.key, step.status]));
    const reported = given(lexMaria(), ...patientOpen).when(command('inform-patient', informed, MAS));
    expect(at(reported.state())).toEqual({
      mas_classification: 'due',
      investigation: 'due',
      decision: 'waiting',
      patient_information: 'done',
      journal_note: 'due',
      ivo_report: 'waiting',
      board_information: 'waiting',
    });
    const notSerious = given(lexMaria(), e.investigationStarted(), e.investigationRecorded()).when(
      command('decide', { outcome: 'vardskada', rationale: 'x' }, MAS),
    );
    expect(at(notSerious.state())).toMatchObject({
      decision: 'done',
      ivo_report: 'not_required',
      board_information: 'not_required',
    });
  });

  it('shows a missed deadline as overdue, and nothing for types without statutory steps', () => {
    const missed = given(lexMaria(), ...patientOpen, e.deadlineMissed('d-pat')).when(
      command('confirm-journal-note', { notedAt: '2026-11-20' }, MAS),
    );
    expect(statutoryChecklist(missed.state()!).find((s) => s.key === 'patient_information')).toMatchObject({
      status: 'overdue',
      dueAt: '2026-11-21T15:00:00.000Z',
    });
    expect(
      statutoryChecklist(
        given(caseReported({ type: 'deviation', caseNumber: 'AV-2026-0001' }))
          .when(command('acknowledge', {}, NURSE))
          .state()!,
      ),
    ).toEqual([]);
  });
});
