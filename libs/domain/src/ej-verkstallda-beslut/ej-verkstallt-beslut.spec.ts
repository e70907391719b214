import { decideEjVerkstallt, evolveEjVerkstallt, type EjVerkstalltBeslutState } from './ej-verkstallt-beslut';

const actor = { username: 'kvalitet', roles: ['quality_coordinator'] };
const now = new Date('2026-12-07T10:00:00.000Z');
const register = (data: Record<string, unknown>) =>
  decideEjVerkstallt(
    {
      type: 'register',
      actor,
      data: {
        beslutId: 'b1',
        unitId: 'solgarden',
        lagrum: 'sol_4_1',
        insats: 'sarskilt_boende',
        decisionDate: '2026-03-02',
        ...data,
      } as never,
    },
    null,
    now,
  );

describe('ej verkställda beslut (AUD-25, DL-21)', () => {
  it('registers a decision with lists and dates only', () => {
    const decision = register({ reportedToIvoOn: '2026-06-10', reason: 'brist_pa_plats' });
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    const state = evolveEjVerkstallt(null, decision.events[0]!, 1) as EjVerkstalltBeslutState;
    expect(state).toMatchObject({
      unitId: 'solgarden',
      lagrum: 'sol_4_1',
      insats: 'sarskilt_boende',
      decisionDate: '2026-03-02',
      reportedToIvoOn: '2026-06-10',
      verkstalltOn: null,
      reason: 'brist_pa_plats',
    });
  });

  it.each([
    [{ lagrum: 'SoL' }, 'lagrum', 'NOT_ON_LIST'],
    [{ insats: 'okand' }, 'insats', 'NOT_ON_LIST'],
    [{ decisionDate: '2026-13-01' }, 'decisionDate', 'INVALID_DATE'],
    [{ decisionDate: '2027-01-01' }, 'decisionDate', 'DATE_IN_FUTURE'],
    [{ reportedToIvoOn: '2026-01-01' }, 'reportedToIvoOn', 'BEFORE_DECISION'],
    [{ reason: 'fritext om brukaren' }, 'reason', 'NOT_ON_LIST'],
  ])('refuses %j (%s %s) with a Swedish message', (data, field, reason) => {
    const decision = register(data);
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.refusal).toMatchObject({ field, reason });
    expect(decision.refusal.message).toMatch(/[a-zåäö]/);
  });

  it('records the verkställt date, keeping what was not given', () => {
    const created = register({ reportedToIvoOn: '2026-06-10' });
    if (!created.ok) throw new Error('registrering nekad');
    const state = evolveEjVerkstallt(null, created.events[0]!, 1)!;
    const next = decideEjVerkstallt(
      { type: 'record-status', actor, data: { verkstalltOn: '2026-08-15' } },
      state,
      now,
    );
    if (!next.ok) throw new Error('nekad');
    expect(evolveEjVerkstallt(state, next.events[0]!, 2)).toMatchObject({
      reportedToIvoOn: '2026-06-10',
      verkstalltOn: '2026-08-15',
      version: 2,
    });
  });
});
