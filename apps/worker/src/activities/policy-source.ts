import type { DeadlinePolicy } from '@kvalitet/domain';

/**
 * Where the activities read the deadline policy when a deadline starts or escalates (DL-0: a new
 * policy applies to deadlines started after it). The policy repository of the API implements it.
 */
export interface PolicySource {
  current(): Promise<DeadlinePolicy>;
}

/** A fixed policy (tests, or before a policy has been saved). */
export function staticPolicySource(
  policy: DeadlinePolicy,
): PolicySource & { set(next: DeadlinePolicy): void } {
  let current = policy;
  return {
    current: async () => current,
    set(next) {
      current = next;
    },
  };
}
