import { stockholmDateOf } from '../calendar/stockholm-time';
import type { DelegationDecision, DelegationItem } from './delegation-register';
import { isDelegationValidOn } from './held-delegations';

export interface DecisionDelegateOfRegister {
  readonly role?: string;
  readonly username?: string;
  readonly boardDecision: string | null;
}

/**
 * Who gets the task of a decision (the `decide` task): the register's first delegation of `decision`
 * valid on the Stockholm date of `now`; null when nobody holds one.
 */
export function delegateForDecision(
  items: readonly DelegationItem[],
  decision: DelegationDecision,
  now: Date,
): DecisionDelegateOfRegister | null {
  const date = stockholmDateOf(now);
  const item = items.find((i) => i.decision === decision && isDelegationValidOn(i, date));
  if (item === undefined) return null;
  return {
    ...(item.role === undefined ? {} : { role: item.role }),
    ...(item.username === undefined ? {} : { username: item.username }),
    boardDecision: item.boardDecision ?? null,
  };
}
