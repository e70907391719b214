import {
  applyRiskAssessmentFlowEvent,
  applyRiskMissResult,
  applyRiskTaskResult,
  dueRiskSteps,
  initialRiskAssessmentFlowState,
  nextRiskWakeAt,
} from './risk-assessment-flow';
import { toRiskAssessmentFlowEvent } from './risk-assessment-contract';

const DUE = '2026-12-10T12:00:00.000Z';
const ms = (iso: string) => Date.parse(iso);

function envelope(
  type: string,
  version: number,
  data: Record<string, unknown>,
  aggregateType = 'risk_assessment',
) {
  return {
    id: `e${version}`,
    position: String(version),
    aggregateType,
    aggregateId: 'ra',
    version,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'x', correlationId: 'c' },
    occurredAt: '2026-11-25T00:00:00.000Z',
    recordedAt: '2026-11-25T00:00:00.000Z',
  };
}

describe('risk assessment flow (pure steps of the follow-up workflow)', () => {
  it('maps only the events it follows, without free text', () => {
    expect(
      toRiskAssessmentFlowEvent(
        envelope('RiskActionAdded', 2, { actionId: 'a1', owner: 'enhetschef', dueAt: DUE, title: 'hemligt' }),
      ),
    ).toEqual({
      id: 'e2',
      type: 'RiskActionAdded',
      version: 2,
      occurredAt: '2026-11-25T00:00:00.000Z',
      data: { actionId: 'a1', owner: 'enhetschef', dueAt: DUE },
    });
    expect(toRiskAssessmentFlowEvent(envelope('RiskAdded', 3, { description: 'x' }))).toBeNull();
    expect(toRiskAssessmentFlowEvent(envelope('RiskActionAdded', 3, {}, 'case'))).toBeNull();
  });

  it('an action wants a task, then waits for the reminder, then the due date, then escalates until the top', () => {
    const state = initialRiskAssessmentFlowState('ra');
    applyRiskAssessmentFlowEvent(state, {
      id: 'e1',
      type: 'RiskAssessmentCreated',
      version: 1,
      occurredAt: '',
      data: { unitId: 'solgarden' },
    });
    applyRiskAssessmentFlowEvent(state, {
      id: 'e2',
      type: 'RiskActionAdded',
      version: 2,
      occurredAt: '',
      data: { actionId: 'a1', owner: 'enhetschef', dueAt: DUE },
    });
    applyRiskAssessmentFlowEvent(state, {
      id: 'e2',
      type: 'RiskActionAdded',
      version: 2,
      occurredAt: '',
      data: { actionId: 'a1', owner: 'x', dueAt: DUE },
    });
    const track = state.actions['a1']!;
    expect(track.status).toBe('wanted');
    applyRiskTaskResult(track, {
      outcome: 'created',
      taskId: 't',
      reminderAt: '2026-12-08T12:00:00.000Z',
      escalationLevel: 0,
    });
    expect(nextRiskWakeAt(state)).toBe(ms('2026-12-08T12:00:00.000Z'));
    expect(dueRiskSteps(state, ms('2026-12-08T12:00:00.000Z'))).toEqual([{ actionId: 'a1', step: 'remind' }]);
    track.reminderSent = true;
    expect(nextRiskWakeAt(state)).toBe(ms(DUE));
    expect(dueRiskSteps(state, ms(DUE))).toEqual([{ actionId: 'a1', step: 'miss' }]);
    applyRiskMissResult(track, 1, {
      escalatedTo: ['division_manager'],
      nextEscalationAt: '2026-12-11T12:00:00.000Z',
    });
    expect(dueRiskSteps(state, ms('2026-12-11T12:00:00.000Z'))).toEqual([
      { actionId: 'a1', step: 'escalate' },
    ]);
    applyRiskMissResult(track, 2, { escalatedTo: ['director'], nextEscalationAt: null });
    expect(nextRiskWakeAt(state)).toBeNull();
    applyRiskAssessmentFlowEvent(state, {
      id: 'e3',
      type: 'RiskActionCompleted',
      version: 3,
      occurredAt: '',
      data: { actionId: 'a1' },
    });
    expect(dueRiskSteps(state, ms('2027-01-01T00:00:00.000Z'))).toEqual([]);
    applyRiskAssessmentFlowEvent(state, {
      id: 'e4',
      type: 'RiskAssessmentClosed',
      version: 4,
      occurredAt: '',
      data: {},
    });
    expect(state.ended).toBe(true);
  });

  it('an action already done when its task is asked for is not followed', () => {
    const state = initialRiskAssessmentFlowState('ra');
    applyRiskAssessmentFlowEvent(state, {
      id: 'e2',
      type: 'RiskActionAdded',
      version: 2,
      occurredAt: '',
      data: { actionId: 'a1', owner: 'o', dueAt: DUE },
    });
    applyRiskTaskResult(state.actions['a1']!, { outcome: 'done', escalationLevel: 0 });
    expect(nextRiskWakeAt(state)).toBeNull();
  });
});
