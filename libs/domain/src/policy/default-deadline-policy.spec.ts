import {
  DEADLINE_KEYS,
  ESCALATION_ROLES,
  isDeadlineKey,
  isEscalationRole,
  isWorkingDaysDuration,
} from './deadline-policy';
import { ADDED_DEADLINE_DEFAULTS, DEFAULT_DEADLINE_POLICY } from './default-deadline-policy';
import { API_MD_POLICY_EXAMPLE } from './test-support';

describe('DEFAULT_DEADLINE_POLICY', () => {
  it('has the api.md contract defaults', () => {
    // v1's example plus the keys v1.1 added with their defaults (imy_notification PT72H).
    expect(DEFAULT_DEADLINE_POLICY).toEqual({
      ...API_MD_POLICY_EXAMPLE,
      deadlines: { ...API_MD_POLICY_EXAMPLE.deadlines, ...ADDED_DEADLINE_DEFAULTS },
      version: 1,
    });
  });

  it('has exactly the required keys', () => {
    expect(Object.keys(DEFAULT_DEADLINE_POLICY.deadlines).sort()).toEqual(
      [...DEADLINE_KEYS, ...Object.keys(ADDED_DEADLINE_DEFAULTS)].sort(),
    );
  });

  it('cannot be mutated', () => {
    expect(Object.isFrozen(DEFAULT_DEADLINE_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_POLICY.deadlines)).toBe(true);
    expect(() => DEFAULT_DEADLINE_POLICY.escalationChain.push('mas')).toThrow(TypeError);
  });

  it('has type guards', () => {
    expect(isDeadlineKey('ivo_report')).toBe(true);
    expect(isDeadlineKey('action')).toBe(false);
    expect(isEscalationRole('mas')).toBe(true);
    expect(isEscalationRole('staff')).toBe(false);
    expect(ESCALATION_ROLES).toHaveLength(6);
    expect(isWorkingDaysDuration({ workingDays: 2 })).toBe(true);
    expect(isWorkingDaysDuration('P2D')).toBe(false);
  });
});
