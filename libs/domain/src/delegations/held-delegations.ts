import type { LocalDate } from '../calendar/local-date';
import { stockholmDateOf } from '../calendar/stockholm-time';
import type { DelegationDecision, DelegationItem } from './delegation-register';

/** A delegation the caller holds on the day, as the accepted event carries it (AUD-6). */
export interface HeldDelegation {
  readonly decision: DelegationDecision;
  readonly boardDecision: string | null;
}

export interface DelegationHolder {
  readonly username: string;
  readonly roles: readonly string[];
}

/** `validTo` is inclusive; dates compare as `YYYY-MM-DD` strings. */
export function isDelegationValidOn(item: DelegationItem, date: LocalDate): boolean {
  return item.validFrom <= date && (item.validTo === null || date <= item.validTo);
}

export function isDelegationHeldBy(item: DelegationItem, holder: DelegationHolder): boolean {
  if (item.username !== undefined) return item.username === holder.username;
  return item.role !== undefined && holder.roles.includes(item.role);
}

/**
 * The delegations `holder` holds on the Europe/Stockholm date of `now`, one per decision: a person's
 * own delegation before one through a role, else the register's order.
 */
export function heldDelegations(
  items: readonly DelegationItem[],
  holder: DelegationHolder,
  now: Date,
): HeldDelegation[] {
  const date = stockholmDateOf(now);
  const valid = items.filter((item) => isDelegationValidOn(item, date) && isDelegationHeldBy(item, holder));
  const ordered = [
    ...valid.filter((item) => item.username !== undefined),
    ...valid.filter((item) => item.username === undefined),
  ];
  const held = new Map<DelegationDecision, HeldDelegation>();
  for (const item of ordered)
    if (!held.has(item.decision))
      held.set(item.decision, { decision: item.decision, boardDecision: item.boardDecision ?? null });
  return [...held.values()];
}
