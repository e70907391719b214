/**
 * Helpers for the register deciders' tests (not exported from the library; only imported by
 * `*.spec.ts`).
 */
import { DEFAULT_DEADLINE_POLICY } from '../policy/default-deadline-policy';
import { dutyTimingsFromPolicy } from './duty';
import type { AdoptionDecision, LsActor } from './ledningssystem-common';
import type { AdvanceDutiesCommand } from './ls-aggregate';

export const SYSTEM: LsActor = { username: 'system', roles: ['system'] };
export const KVALITET: LsActor = { username: 'kvalitet', roles: ['quality_coordinator'] };
export const CHEF: LsActor = { username: 'enhetschef', roles: ['unit_manager'] };

/** A nämnd decision as the registers record it: `SN <date> § <paragraph>`. */
export const namndDecision = (decidedOn: string, paragraph: number): AdoptionDecision => ({
  decidedBy: 'namnd',
  decidedOn,
  reference: `SN ${decidedOn} § ${paragraph}`,
});

/** The process manager's advance-duties at `at` under the default policy; a task's id is `${dutyKey}#${level}`. */
export function advanceDutiesAt(at: string, actor: LsActor = SYSTEM): AdvanceDutiesCommand {
  return {
    type: 'advance-duties',
    actor,
    at,
    timings: dutyTimingsFromPolicy(DEFAULT_DEADLINE_POLICY),
    newId: (dutyKey, level) => `${dutyKey}#${level}`,
  };
}
