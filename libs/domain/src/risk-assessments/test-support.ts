/**
 * Given events / when command / then events — helpers for the risk assessment decider's tests (not
 * exported from the library; only imported by `*.spec.ts`).
 */
import type { CaseActor } from '../cases/case-commands';
import type {
  RiskAssessmentCommand,
  RiskAssessmentCommandOfType,
  RiskAssessmentCommandType,
} from './risk-assessment-commands';
import type { RiskAssessmentEvent } from './risk-assessment-events';
import type { RiskAssessmentAggregateState } from './risk-assessment-state';
import { decideRiskAssessment } from './decide-risk-assessment';
import type { DecideRiskAssessmentResult } from './decide-risk-assessment';
import { rebuildRiskAssessment } from './evolve-risk-assessment';
import { DEFAULT_RISK_POLICY } from './risk-policy';
import type { RiskPolicy } from './risk-policy';

export const T0 = new Date('2026-11-20T15:00:00.000Z');
export const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
export const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
export const SYSTEM: CaseActor = { username: 'system', roles: ['system'] };

export function cmd<T extends RiskAssessmentCommandType>(
  type: T,
  data: RiskAssessmentCommandOfType<T>['data'],
  actor: CaseActor = MANAGER,
): RiskAssessmentCommandOfType<T> {
  return { type, actor, data } as RiskAssessmentCommandOfType<T>;
}

export const create = (overrides: Partial<RiskAssessmentCommandOfType<'create'>['data']> = {}) =>
  cmd('create', {
    assessmentId: 'ra-1',
    reference: 'RA-2026-0001',
    title: 'Fall vid förflyttning nattetid',
    unitId: 'solgarden',
    trigger: 'deviation_pattern',
    risks: [
      {
        riskId: 'r1',
        description: 'Fall vid förflyttning',
        probability: 3,
        severity: 4,
        causes: ['Ensam personal nattetid'],
      },
    ],
    ...overrides,
  });

export const addAction = (overrides: Partial<RiskAssessmentCommandOfType<'add-action'>['data']> = {}) =>
  cmd('add-action', {
    actionId: 'a1',
    riskId: 'r1',
    title: 'Dubbelbemanning vid förflyttning',
    owner: 'enhetschef',
    dueAt: '2026-12-20T16:00:00+01:00',
    causeIndexes: [0],
    ...overrides,
  });

/** Runs commands in order from nothing (each must be accepted) and returns the events. */
export function history(
  commands: readonly [RiskAssessmentCommand, Date?][],
  policy: RiskPolicy = DEFAULT_RISK_POLICY,
): RiskAssessmentEvent[] {
  const events: RiskAssessmentEvent[] = [];
  for (const [command, at] of commands) {
    const result = decideRiskAssessment(command, rebuildRiskAssessment(events), at ?? T0, policy);
    if (!result.ok) throw new Error(`refused ${command.type}: ${result.refusal.reason}`);
    events.push(...result.events);
  }
  return events;
}

export function when(
  given: readonly RiskAssessmentEvent[],
  command: RiskAssessmentCommand,
  at: Date = T0,
  policy: RiskPolicy = DEFAULT_RISK_POLICY,
): DecideRiskAssessmentResult {
  return decideRiskAssessment(command, rebuildRiskAssessment(given), at, policy);
}

export function stateOf(events: readonly RiskAssessmentEvent[]): RiskAssessmentAggregateState {
  const state = rebuildRiskAssessment(events);
  if (!state) throw new Error('no state');
  return state;
}

export function refusalOf(result: DecideRiskAssessmentResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${result.events.map((e) => e.type).join(', ')}`);
  return result.refusal;
}

export function eventsOf(result: DecideRiskAssessmentResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.reason} ${result.refusal.message}`);
  return result.events;
}
