import type { CaseCommand } from './case-commands';
import { decideCase } from './decide-case';
import { rebuildCase } from './evolve-case';
import { MANAGER, SAS, STAFF, SYSTEM, T0, command, later, reportData, run } from './test-support';

const DIRECTOR = { username: 'forvaltningschef', roles: ['director'] };
const MAS = { username: 'mas', roles: ['mas'] };

function stagesOf(steps: ReadonlyArray<readonly [CaseCommand, Date?]>): string[] {
  return steps.map((_, i) => run([], steps.slice(0, i + 1)).state.stage);
}

describe('case paths', () => {
  it('runs a full lex Sarah case: report → IVO → action → follow-up → close', () => {
    const steps: Array<readonly [CaseCommand, Date?]> = [
      [command('report', reportData(), STAFF), T0],
      [
        command(
          'start-deadline',
          {
            deadlineId: 'd-first',
            kind: 'lex_sarah_first_response',
            dueAt: later(240).toISOString(),
            policyVersion: 3,
          },
          SYSTEM,
        ),
        T0,
      ],
      [
        command(
          'start-deadline',
          {
            deadlineId: 'd-inv',
            kind: 'lex_sarah_investigation',
            dueAt: later(14 * 1440).toISOString(),
            policyVersion: 3,
          },
          SYSTEM,
        ),
        T0,
      ],
      [
        command(
          'create-task',
          { taskId: 't-ack', kind: 'acknowledge', assigneeRole: 'unit_manager', deadlineId: 'd-first' },
          SYSTEM,
        ),
        T0,
      ],
      [command('acknowledge', { note: 'Mottagen, extra bemanning insatt.' }, MANAGER), later(60)],
      [command('assign', { assignee: 'sas' }, MANAGER), later(61)],
      [command('start-investigation', {}, SAS), later(120)],
      [
        command(
          'record-investigation',
          { summary: 'Nattillsyn uteblev.', causes: ['Bemanning', 'Rutin saknades'] },
          SAS,
        ),
        later(5 * 1440),
      ],
      [
        command(
          'decide',
          { outcome: 'allvarligt_missforhallande', rationale: 'Brukaren utsattes för allvarlig fara.' },
          DIRECTOR,
        ),
        later(6 * 1440),
      ],
      [
        command(
          'start-deadline',
          {
            deadlineId: 'd-ivo',
            kind: 'ivo_report',
            dueAt: later(13 * 1440).toISOString(),
            policyVersion: 3,
          },
          SYSTEM,
        ),
        later(6 * 1440),
      ],
    ];
    const decided = run([], steps);
    expect(decided.state).toMatchObject({ stage: 'acting', decision: { requiresIvoReport: true } });

    const refusal = decideCase(
      command('close', { summary: 'Klart.' }, SAS),
      decided.state,
      later(6 * 1440 + 5),
    );
    expect(refusal).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_REQUIRED' },
    });

    const done = run(decided.events, [
      [
        command(
          'report-to-ivo',
          { ivoReference: 'IVO 3.5.1-12345/2026', reportedAt: later(7 * 1440).toISOString() },
          DIRECTOR,
        ),
        later(7 * 1440),
      ],
      [
        command(
          'add-action',
          {
            actionId: 'a1',
            title: 'Rutin för nattillsyn',
            level: 'organisational',
            owner: 'enhetschef',
            dueAt: later(30 * 1440).toISOString(),
          },
          MANAGER,
        ),
        later(7 * 1440),
      ],
      [
        command(
          'start-deadline',
          {
            deadlineId: 'd-a1',
            kind: 'action',
            dueAt: later(30 * 1440).toISOString(),
            policyVersion: 3,
            actionId: 'a1',
          },
          SYSTEM,
        ),
        later(7 * 1440),
      ],
      [
        command(
          'complete-action',
          { actionId: 'a1', result: 'Rutinen är införd och personalen informerad.' },
          MANAGER,
        ),
        later(20 * 1440),
      ],
      [
        command(
          'start-deadline',
          { deadlineId: 'd-fu', kind: 'follow_up', dueAt: later(110 * 1440).toISOString(), policyVersion: 3 },
          SYSTEM,
        ),
        later(20 * 1440),
      ],
      [
        command(
          'follow-up',
          { effective: true, note: 'Stickprov: tillsyn dokumenterad varje natt.' },
          MANAGER,
        ),
        later(60 * 1440),
      ],
      [command('inform-board', { meetingDate: '2027-01-20', paragraph: '§ 12' }, SAS), later(61 * 1440)],
      [command('close', { summary: 'Missförhållandet är åtgärdat och anmält.' }, SAS), later(61 * 1440)],
    ]);
    expect(done.state).toMatchObject({
      stage: 'closed',
      caseNumber: 'LS-2026-0007',
      ivoReport: { ivoReference: 'IVO 3.5.1-12345/2026' },
    });
    expect(Object.values(done.state.deadlines).map((d) => [d.id, d.status])).toEqual([
      ['d-first', 'met'],
      ['d-inv', 'met'],
      ['d-ivo', 'met'],
      ['d-a1', 'met'],
      ['d-fu', 'met'],
    ]);
    expect(Object.values(done.state.tasks).every((t) => t.status === 'done')).toBe(true);
    expect(done.state.version).toBe(done.events.length);
    expect(rebuildCase(done.events)).toEqual(done.state);
    expect(done.events.map((event) => event.type)).toEqual([
      'CaseReported',
      'DeadlineStarted',
      'DeadlineStarted',
      'TaskCreated',
      'CaseAcknowledged',
      'DeadlineMet',
      'TaskCompleted',
      'CaseAssigned',
      'InvestigationStarted',
      'InvestigationRecorded',
      'DeadlineMet',
      'CaseDecided',
      'DeadlineStarted',
      'ReportedToIvo',
      'DeadlineMet',
      'ActionAdded',
      'DeadlineStarted',
      'ActionCompleted',
      'DeadlineMet',
      'DeadlineStarted',
      'FollowUpRecorded',
      'DeadlineMet',
      'BoardInformed',
      'CaseClosed',
    ]);
  });

  it('runs a complaint: receipt, investigation with deviationOccurred, action, follow-up, close', () => {
    const steps: Array<readonly [CaseCommand, Date?]> = [
      [
        command(
          'report',
          reportData({
            type: 'complaint',
            caseNumber: 'KL-2026-0112',
            channel: 'letter',
            occurredAt: undefined,
          }),
          STAFF,
        ),
      ],
      [command('acknowledge', { note: 'Tack för ditt klagomål.' }, MANAGER)],
      [command('assign', { assignee: 'enhetschef' }, MANAGER)],
      [command('start-investigation', {}, MANAGER)],
      [
        command(
          'record-investigation',
          { summary: 'Bemötandet brast.', causes: ['Stress'], deviationOccurred: true },
          MANAGER,
        ),
      ],
      [
        command(
          'add-action',
          {
            actionId: 'a1',
            title: 'Samtal med personal',
            level: 'individual',
            owner: 'enhetschef',
            dueAt: '2026-12-01T12:00:00Z',
          },
          MANAGER,
        ),
      ],
      [command('complete-action', { actionId: 'a1', result: 'Samtal hållet.' }, MANAGER)],
      [command('follow-up', { effective: true, note: 'Inga nya klagomål.' }, MANAGER)],
      [command('close', { summary: 'Klagomålet besvarat och åtgärdat.' }, MANAGER)],
    ];
    expect(stagesOf(steps)).toEqual([
      'reported',
      'reported',
      'reported',
      'investigating',
      'acting',
      'acting',
      'following_up',
      'following_up',
      'closed',
    ]);
  });

  it('closes praise straight from reported', () => {
    const { state, events } = run(
      [],
      [
        [
          command(
            'report',
            reportData({
              type: 'praise',
              caseNumber: 'BE-2026-0004',
              kind: 'praise',
              channel: 'web',
              occurredAt: undefined,
            }),
            STAFF,
          ),
        ],
        [command('close', { summary: 'Vidarebefordrat till enheten.' }, MANAGER)],
      ],
    );
    expect(state.stage).toBe('closed');
    expect(events.map((event) => event.type)).toEqual(['CaseReported', 'CaseClosed']);
  });

  it('reclassifies an HSL deviation to lex Maria keeping its number and reportedAt (LC-2, LC-7)', () => {
    const { state } = run(
      [],
      [
        [
          command(
            'report',
            reportData({
              type: 'hsl_deviation',
              caseNumber: 'HA-2026-0042',
              reportedAt: '2026-11-19T08:00:00+01:00',
            }),
            STAFF,
          ),
        ],
        [
          command(
            'classify',
            {
              type: 'lex_maria',
              category: 'läkemedel',
              lagrum: 'PSL 3 kap. 5 §',
              rationale: 'Allvarlig vårdskada kan ha inträffat.',
            },
            MAS,
          ),
        ],
        [command('start-investigation', {}, MAS)],
        [command('record-investigation', { summary: 'Fel dos gavs.', causes: ['Delegering saknades'] }, MAS)],
        [
          command(
            'decide',
            { outcome: 'allvarlig_vardskada', rationale: 'Patienten fick bestående men.' },
            MAS,
          ),
        ],
        [
          command(
            'inform-patient',
            { informedAt: '2026-11-20T12:00:00+01:00', who: 'relative', how: 'phone' },
            MAS,
          ),
        ],
        [command('report-to-ivo', { ivoReference: 'IVO 3.5.1-999/2026', reportedAt: '2026-11-20' }, MAS)],
      ],
    );
    expect(state).toMatchObject({
      type: 'lex_maria',
      reportedType: 'hsl_deviation',
      caseNumber: 'HA-2026-0042',
      reportedAt: '2026-11-19T07:00:00.000Z',
      stage: 'acting',
      ivoReport: { reportedAt: '2026-11-20' },
    });
  });

  it('reopens a closed case, which then needs a new investigation before it closes again', () => {
    const closed = run(
      [],
      [
        [command('report', reportData({ type: 'deviation', caseNumber: 'AV-2026-0003' }), STAFF)],
        [command('start-investigation', {}, MANAGER)],
        [command('record-investigation', { summary: 'Rutinen var oklar.', causes: ['Rutin'] }, MANAGER)],
        [command('close', { summary: 'Ingen åtgärd behövs.' }, MANAGER)],
      ],
    );
    const reopened = run(closed.events, [
      [command('reopen', { reason: 'Samma fel har inträffat igen.' }, SAS), later(10)],
    ]);
    expect(reopened.state).toMatchObject({
      stage: 'investigating',
      closedAt: null,
      reportedAt: closed.state.reportedAt,
    });
    expect(decideCase(command('close', { summary: 'x' }, SAS), reopened.state, later(11))).toMatchObject({
      ok: false,
      refusal: { reason: 'INVESTIGATION_REQUIRED' },
    });
    const reclosed = run(reopened.events, [
      [
        command('record-investigation', { summary: 'Rutinen skrivs om.', causes: ['Rutin'] }, MANAGER),
        later(20),
      ],
      [
        command(
          'add-action',
          {
            actionId: 'a1',
            title: 'Ny rutin',
            level: 'organisational',
            owner: 'enhetschef',
            dueAt: later(1440).toISOString(),
          },
          MANAGER,
        ),
        later(21),
      ],
      [command('complete-action', { actionId: 'a1', result: 'Klar.' }, MANAGER), later(30)],
      [command('follow-up', { effective: true, note: 'Fungerar.' }, MANAGER), later(40)],
      [command('close', { summary: 'Åtgärdat efter återöppning.' }, MANAGER), later(50)],
    ]);
    expect(reclosed.state).toMatchObject({ stage: 'closed', reopenCount: 1, investigation: { seq: 2 } });
  });

  it('classifies unclassified public feedback before closing it', () => {
    const feedback = run(
      [],
      [
        [
          command(
            'report',
            {
              caseId: 'c-web',
              caseNumber: 'KL-2026-0200',
              type: 'complaint',
              unitId: 'forvaltning',
              description: 'Tack för god vård!',
              channel: 'web',
              reporter: {},
              unclassified: true,
            },
            { username: 'public', roles: [] },
          ),
        ],
      ],
    );
    expect(decideCase(command('close', { summary: 'x' }, SAS), feedback.state, T0)).toMatchObject({
      ok: false,
      refusal: { reason: 'CLASSIFICATION_REQUIRED' },
    });
    const closed = run(feedback.events, [
      [
        command(
          'classify',
          { type: 'praise', category: 'beröm', rationale: 'Det är beröm.', unitId: 'solgarden' },
          SAS,
        ),
      ],
      [command('close', { summary: 'Vidarebefordrat till Solgården.' }, SAS)],
    ]);
    expect(closed.state).toMatchObject({
      stage: 'closed',
      type: 'praise',
      unitId: 'solgarden',
      caseNumber: 'KL-2026-0200',
    });
  });

  it('lets the event store arbitrate between a person meeting a deadline and the timer', () => {
    const started = run(
      [],
      [
        [command('report', reportData(), STAFF)],
        [
          command(
            'start-deadline',
            {
              deadlineId: 'd1',
              kind: 'lex_sarah_first_response',
              dueAt: later(240).toISOString(),
              policyVersion: 1,
            },
            SYSTEM,
          ),
        ],
      ],
    );
    const acknowledged = run(started.events, [[command('acknowledge', {}, MANAGER), later(239)]]);
    const missed = command(
      'record-deadline-missed',
      { deadlineId: 'd1', escalationLevel: 1, escalatedTo: ['division_manager', 'sas'] },
      SYSTEM,
    );
    expect(decideCase(missed, acknowledged.state, later(240))).toMatchObject({
      ok: false,
      refusal: { reason: 'DEADLINE_NOT_OPEN' },
    });
    // The other order: the timer wins, and the late receipt meets the deadline late (ADR 0009).
    const late = run(started.events, [
      [missed, later(240)],
      [command('acknowledge', {}, MANAGER), later(241)],
    ]);
    expect(late.state.deadlines.d1).toMatchObject({
      status: 'met',
      metLate: true,
      missedAt: later(240).toISOString(),
      metAt: later(241).toISOString(),
      escalationLevel: 1,
    });
  });
});
