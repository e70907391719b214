import type { AdoptionDecision } from '../ledningssystem/ledningssystem-common';
import { KVALITET, namndDecision } from '../ledningssystem/test-support';
import { missingAppointments } from './appointment-requirements';
import { decideAppointment } from './decide-appointment';
import { APPOINTMENT_AGGREGATE } from './evolve-appointment';
import type { AppointData, AppointmentEvent, AppointmentState } from './appointment-types';

const NAMND = namndDecision('2026-01-20', 5);
const FC: AdoptionDecision = {
  decidedBy: 'forvaltningschef',
  decidedOn: '2026-01-21',
  reference: 'FC 2026/3',
};

const board = { unitId: 'forvaltning', processId: null, decisionType: null };
type AppointInput = Partial<AppointData> & Pick<AppointData, 'role' | 'holder'>;

/** The `appoint` decision for a board appointment by the förvaltningschef, from 2026 on, unless `data` says otherwise. */
function decideAppoint(data: AppointInput) {
  const full: AppointData = {
    appointmentId: `a-${data.role}-${data.scope?.decisionType ?? ''}`,
    scope: board,
    decision: FC,
    validFrom: '2026-01-01',
    validTo: null,
    delegationReference: null,
    ...data,
  };
  return decideAppointment(
    { type: 'appoint', actor: KVALITET, data: full },
    null,
    new Date('2026-02-01T10:00:00Z'),
  );
}

function appoint(data: AppointInput): AppointmentState {
  const decision = decideAppoint(data);
  if (!decision.ok) throw new Error(decision.refusal.message);
  return decision.events.reduce<AppointmentState | null>(
    (s, e, i) => APPOINTMENT_AGGREGATE.evolve(s, e as AppointmentEvent, i + 1),
    null,
  )!;
}

describe('appointments (R-15, AUD-5, AUD-6)', () => {
  it('a board without SAS, MAS, verksamhetschef and delegates has every requirement missing', () => {
    expect(missingAppointments([], '2026-03-01').map((m) => m.requirement.key)).toEqual([
      'sas',
      'mas',
      'verksamhetschef_hsl',
      'delegat/lex_sarah_decision',
      'delegat/lex_sarah_ivo_notification',
      'delegat/lex_maria_decision',
      'delegat/lex_maria_ivo_notification',
    ]);
  });

  it('appointments in force satisfy them; an expired or future one does not', () => {
    const all = [
      appoint({ role: 'sas', holder: 'sas' }),
      appoint({ role: 'mas', holder: 'mas', validTo: '2026-02-28' }),
      appoint({ role: 'verksamhetschef_hsl', holder: 'forvaltningschef', decision: NAMND }),
      ...(
        [
          'lex_sarah_decision',
          'lex_sarah_ivo_notification',
          'lex_maria_decision',
          'lex_maria_ivo_notification',
        ] as const
      ).map((t) =>
        appoint({
          role: 'delegat',
          holder: 'forvaltningschef',
          scope: { ...board, decisionType: t },
          delegationReference: 'DO 2026 p. 4',
        }),
      ),
    ];
    expect(missingAppointments(all, '2026-02-15')).toEqual([]);
    expect(missingAppointments(all, '2026-03-01').map((m) => m.requirement.key)).toEqual(['mas']);
    expect(missingAppointments(all, '2025-12-31')).toHaveLength(7);
  });

  it('the verksamhetschef HSL must be appointed by the nämnd (AUD-5); a delegate needs the delegationsordning point', () => {
    const wrong = decideAppoint({ appointmentId: 'x', role: 'verksamhetschef_hsl', holder: 'x' });
    expect(wrong).toMatchObject({ ok: false, refusal: { field: 'decision.decidedBy' } });
    const delegate = decideAppoint({
      appointmentId: 'y',
      role: 'delegat',
      holder: 'x',
      scope: { ...board, decisionType: 'lex_maria_decision' },
    });
    expect(delegate).toMatchObject({ ok: false, refusal: { field: 'delegationReference' } });
  });

  it('an ended appointment no longer counts and has no renewal duty', () => {
    const sas = appoint({ role: 'sas', holder: 'sas', validTo: '2026-12-31' });
    expect(APPOINTMENT_AGGREGATE.duties(sas).map((d) => [d.kind, d.assigneeRole])).toEqual([
      ['appointment_renewal', 'quality_coordinator'],
    ]);
    const end = decideAppointment(
      { type: 'end', actor: KVALITET, data: { on: '2026-06-30', reason: 'Slutat' } },
      sas,
      new Date(),
    );
    const ended = APPOINTMENT_AGGREGATE.evolve(
      sas,
      (end as { events: readonly AppointmentEvent[] }).events[0]!,
      2,
    )!;
    expect(APPOINTMENT_AGGREGATE.duties(ended)).toEqual([]);
    expect(missingAppointments([ended], '2026-03-01').map((m) => m.requirement.key)).toContain('sas');
  });
});
