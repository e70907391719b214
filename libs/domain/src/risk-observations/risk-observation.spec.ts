import { rebuildLs } from '../ledningssystem/ls-aggregate';
import {
  decideRiskObservation,
  evolveRiskObservation,
  riskObservationDuties,
  type RiskObservationCommand,
  type RiskObservationEvent,
} from './risk-observation';

const staff = { username: 'staff', roles: ['staff'] };
const manager = { username: 'enhetschef', roles: ['unit_manager'] };
const now = new Date('2026-03-02T09:00:00Z');

const report: RiskObservationCommand = {
  type: 'report',
  actor: staff,
  data: {
    observationId: 'o1',
    reference: 'RO-2026-0001',
    unitId: 'solgarden',
    title: 'Lös matta i korridoren',
    description: 'Mattan vid entrén glider.',
  },
};

function after(commands: RiskObservationCommand[]) {
  const events: RiskObservationEvent[] = [];
  for (const c of commands) {
    const d = decideRiskObservation(c, rebuildLs(evolveRiskObservation, events), now);
    if (!d.ok) throw new Error(d.refusal.message);
    events.push(...d.events);
  }
  return rebuildLs(evolveRiskObservation, events);
}

describe('riskobservation (CT-14, RA-12)', () => {
  it('is a triage duty for the unit manager until triaged', () => {
    const state = after([report]);
    expect(riskObservationDuties(state!)).toEqual([
      expect.objectContaining({
        kind: 'risk_observation_triage',
        assigneeRole: 'unit_manager',
        unitId: 'solgarden',
      }),
    ]);
    const triaged = after([
      report,
      { type: 'triage', actor: manager, data: { outcome: 'no_action', rationale: 'Mattan är bortplockad' } },
    ]);
    expect(triaged).toMatchObject({ status: 'triaged', triage: { outcome: 'no_action', by: 'enhetschef' } });
    expect(riskObservationDuties(triaged!)).toEqual([]);
  });

  it('requires a rationale for "ingen åtgärd" (RA-12)', () => {
    const d = decideRiskObservation(
      { type: 'triage', actor: manager, data: { outcome: 'no_action', rationale: '  ' } },
      after([report]),
      now,
    );
    expect(d.ok ? null : d.refusal).toMatchObject({ reason: 'RATIONALE_REQUIRED', field: 'rationale' });
  });

  it('is triaged once', () => {
    const state = after([
      report,
      {
        type: 'triage',
        actor: manager,
        data: { outcome: 'risk_assessment', targetId: 'ra', targetReference: 'RA-2026-0001' },
      },
    ]);
    const again = decideRiskObservation(
      { type: 'triage', actor: manager, data: { outcome: 'no_action', rationale: 'x' } },
      state,
      now,
    );
    expect(again.ok ? null : again.refusal.reason).toBe('ALREADY_TRIAGED');
  });
});
