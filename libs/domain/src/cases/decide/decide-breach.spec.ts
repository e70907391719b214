import { decideCase } from '../decide-case';
import { T0, T0_ISO, caseReported, command, events, given, reportData, STAFF } from '../test-support';
import type { CaseActor } from '../case-commands';

const DATASKYDD: CaseActor = { username: 'dataskydd', roles: ['data_protection_officer'] };
const breachReported = () =>
  caseReported({ type: 'data_breach', caseNumber: 'PU-2026-0001', awareAt: '2026-11-20T08:00:00.000Z' });
const imyOpen = [
  events.deadlineStarted('d-imy', 'imy_notification', { dueAt: '2026-11-23T08:00:00.000Z' }),
  events.taskCreated('t-imy', 'imy_notification', {
    assigneeRole: 'data_protection_officer',
    deadlineId: 'd-imy',
  }),
];

describe('a data breach: awareAt, assess-breach and report-to-imy (CT-11, DL-14, api.md v1.1)', () => {
  it('a report carries when the organisation became aware; other types may not', () => {
    const accepted = decideCase(
      command(
        'report',
        reportData({ type: 'data_breach', caseNumber: 'PU-2026-0001', awareAt: '2026-11-20T09:00:00+01:00' }),
        STAFF,
      ),
      null,
      T0,
    );
    expect(accepted.ok && accepted.events[0]!.data).toMatchObject({ awareAt: '2026-11-20T08:00:00.000Z' });
    const refused = decideCase(
      command('report', reportData({ awareAt: '2026-11-20T09:00:00+01:00' }), STAFF),
      null,
      T0,
    );
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'VALIDATION_FAILED', field: 'awareAt' } });
  });

  it('"not notifiable" with a rationale meets the 72-hour deadline and completes the task', () => {
    given(breachReported(), ...imyOpen)
      .when(
        command('assess-breach', { notifiable: false, rationale: 'Krypterad dator, ingen risk.' }, DATASKYDD),
      )
      .then(
        {
          type: 'BreachAssessed',
          data: { notifiable: false, rationale: 'Krypterad dator, ingen risk.', by: 'dataskydd', at: T0_ISO },
        },
        { type: 'DeadlineMet', data: { deadlineId: 'd-imy', at: T0_ISO } },
        { type: 'TaskCompleted', data: { taskId: 't-imy', at: T0_ISO, by: 'dataskydd' } },
      );
  });

  it('"notifiable" leaves the deadline running until the report to IMY, which meets it', () => {
    const assessed = given(breachReported(), ...imyOpen).when(
      command('assess-breach', { notifiable: true, rationale: 'Känsliga uppgifter röjda.' }, DATASKYDD),
    );
    expect(assessed.events().map((e) => e.type)).toEqual(['BreachAssessed']);
    given(breachReported(), ...imyOpen, ...assessed.events())
      .when(
        command(
          'report-to-imy',
          { reportedAt: '2026-11-20T15:30:00+01:00', imyReference: 'IMY-2026-1' },
          DATASKYDD,
        ),
      )
      .then(
        {
          type: 'ReportedToImy',
          data: {
            reportedAt: '2026-11-20T14:30:00.000Z',
            imyReference: 'IMY-2026-1',
            by: 'dataskydd',
            at: T0_ISO,
          },
        },
        { type: 'DeadlineMet', data: { deadlineId: 'd-imy', at: T0_ISO } },
        { type: 'TaskCompleted', data: { taskId: 't-imy', at: T0_ISO, by: 'dataskydd' } },
      );
  });

  it('refuses on other case types, twice, without a rationale, and a report dated in the future', () => {
    given(caseReported())
      .when(command('assess-breach', { notifiable: true, rationale: 'x' }, DATASKYDD))
      .thenRefused({
        code: 'INVALID_TRANSITION',
        reason: 'NOT_ALLOWED_FOR_TYPE',
      });
    given(breachReported())
      .when(command('assess-breach', { notifiable: false, rationale: ' ' }, DATASKYDD))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'rationale' });
    given(breachReported())
      .when(command('report-to-imy', { reportedAt: '2030-01-01T00:00:00Z' }, DATASKYDD))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'reportedAt' });
    const reported = given(breachReported()).when(
      command('report-to-imy', { reportedAt: '2026-11-20' }, DATASKYDD),
    );
    given(breachReported(), ...reported.events())
      .when(command('report-to-imy', { reportedAt: '2026-11-20' }, DATASKYDD))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ALREADY_REPORTED_TO_IMY' });
  });
});
