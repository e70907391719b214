import { ESCALATION_ROLES } from './deadline-policy';
import { DEFAULT_DEADLINE_POLICY } from './default-deadline-policy';
import { API_MD_POLICY_EXAMPLE } from './test-support';
import { INVALID_DURATION_MESSAGE, validatePolicy } from './validate-policy';
import type { PolicyFieldError } from './validate-policy';

const valid = () => ({
  deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines } as Record<string, unknown>,
  escalationChain: [...DEFAULT_DEADLINE_POLICY.escalationChain] as unknown[],
});

function errorsOf(input: unknown): PolicyFieldError[] {
  const result = validatePolicy(input);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

describe('validatePolicy', () => {
  it('accepts the api.md example and the defaults', () => {
    expect(validatePolicy(API_MD_POLICY_EXAMPLE)).toEqual({ ok: true, policy: API_MD_POLICY_EXAMPLE });
    expect(validatePolicy(DEFAULT_DEADLINE_POLICY)).toEqual({ ok: true, policy: DEFAULT_DEADLINE_POLICY });
  });

  it('accepts a document without version (PUT body), PT10S and working days', () => {
    const input = valid();
    input.deadlines['acknowledgement'] = 'PT10S';
    input.deadlines['investigation'] = { workingDays: 3 };
    const result = validatePolicy(input);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.policy.version).toBeUndefined();
      expect(result.policy.deadlines.acknowledgement).toBe('PT10S');
      expect(result.policy.deadlines.investigation).toEqual({ workingDays: 3 });
    }
  });

  it('accepts extra deadline keys, validating their durations', () => {
    const input = valid();
    input.deadlines['data_breach_imy'] = 'PT72H';
    const result = validatePolicy(input);
    expect(result.ok && result.policy.deadlines['data_breach_imy']).toBe('PT72H');

    input.deadlines['mas_classification'] = 'tomorrow';
    expect(errorsOf(input)).toEqual([
      { field: 'deadlines.mas_classification', code: 'INVALID_DURATION', message: INVALID_DURATION_MESSAGE },
    ]);
  });

  it('names the field of a malformed duration', () => {
    const input = valid();
    input.deadlines['acknowledgement'] = '24h';
    expect(errorsOf(input)).toEqual([
      {
        field: 'deadlines.acknowledgement',
        code: 'INVALID_DURATION',
        message:
          'Ogiltig tidsfrist: ange ett antal timmar, dagar, veckor, månader eller arbetsdagar, till exempel 24 timmar eller 3 arbetsdagar.',
      },
    ]);
  });

  it.each([
    [24, 'INVALID_DURATION'],
    [null, 'INVALID_DURATION'],
    [['PT24H'], 'INVALID_DURATION'],
    ['PT1.5H', 'INVALID_DURATION'],
    [{ workingDays: 3, extra: 1 }, 'INVALID_DURATION'],
    [{ days: 3 }, 'INVALID_DURATION'],
    ['PT0S', 'NOT_POSITIVE'],
    ['P0D', 'NOT_POSITIVE'],
    ['-P1D', 'NOT_POSITIVE'],
    ['P11Y', 'TOO_LONG'],
  ])('refuses %p with %s', (value, code) => {
    const input = valid();
    input.deadlines['ivo_report'] = value;
    expect(errorsOf(input)).toEqual([expect.objectContaining({ field: 'deadlines.ivo_report', code })]);
  });

  it.each([[0], [-1], [1.5], ['3'], [Number.NaN], [null]])('refuses workingDays %p', (workingDays) => {
    const input = valid();
    input.deadlines['follow_up'] = { workingDays };
    expect(errorsOf(input)).toEqual([
      {
        field: 'deadlines.follow_up.workingDays',
        code: 'INVALID_WORKING_DAYS',
        message: 'Antal arbetsdagar måste vara ett positivt heltal',
      },
    ]);
  });

  it('refuses absurdly many working days', () => {
    const input = valid();
    input.deadlines['follow_up'] = { workingDays: 1_000_000 };
    expect(errorsOf(input)).toEqual([expect.objectContaining({ code: 'TOO_LONG' })]);
  });

  it('reports every missing required key', () => {
    const input = valid();
    delete input.deadlines['acknowledgement'];
    delete input.deadlines['escalation_repeat'];
    expect(errorsOf(input)).toEqual([
      { field: 'deadlines.acknowledgement', code: 'REQUIRED', message: 'Tidsfristen acknowledgement saknas' },
      {
        field: 'deadlines.escalation_repeat',
        code: 'REQUIRED',
        message: 'Tidsfristen escalation_repeat saknas',
      },
    ]);
  });

  it('refuses badly named extra keys', () => {
    const input = valid();
    input.deadlines['Bad Key'] = 'P1D';
    expect(errorsOf(input)).toEqual([
      expect.objectContaining({ field: 'deadlines.Bad Key', code: 'INVALID_KEY' }),
    ]);
  });

  it('refuses a missing or non-object deadlines', () => {
    expect(errorsOf({ escalationChain: ['director'] })).toEqual([
      { field: 'deadlines', code: 'REQUIRED', message: 'Fältet deadlines saknas' },
    ]);
    expect(errorsOf({ deadlines: [], escalationChain: ['director'] })).toEqual([
      expect.objectContaining({ field: 'deadlines', code: 'INVALID_TYPE' }),
    ]);
  });

  it('refuses an empty, missing or non-array escalation chain', () => {
    expect(errorsOf({ ...valid(), escalationChain: [] })).toEqual([
      {
        field: 'escalationChain',
        code: 'EMPTY_CHAIN',
        message: 'Eskaleringskedjan måste innehålla minst en roll',
      },
    ]);
    expect(errorsOf({ deadlines: valid().deadlines })).toEqual([
      expect.objectContaining({ field: 'escalationChain', code: 'REQUIRED' }),
    ]);
    expect(errorsOf({ ...valid(), escalationChain: 'director' })).toEqual([
      expect.objectContaining({ field: 'escalationChain', code: 'INVALID_TYPE' }),
    ]);
  });

  it('refuses unknown and duplicate roles, naming the position', () => {
    expect(errorsOf({ ...valid(), escalationChain: ['unit_manager', 'boss', 42, 'unit_manager'] })).toEqual([
      expect.objectContaining({ field: 'escalationChain[1]', code: 'UNKNOWN_ROLE' }),
      expect.objectContaining({ field: 'escalationChain[2]', code: 'UNKNOWN_ROLE' }),
      expect.objectContaining({ field: 'escalationChain[3]', code: 'DUPLICATE_ROLE' }),
    ]);
    expect(errorsOf({ ...valid(), escalationChain: ['staff'] })[0]?.message).toContain('Okänd roll');
  });

  it('accepts every allowed role', () => {
    expect(validatePolicy({ ...valid(), escalationChain: [...ESCALATION_ROLES] }).ok).toBe(true);
  });

  it('refuses unknown top-level fields and a bad version', () => {
    expect(errorsOf({ ...valid(), updatedBy: 'kvalitet' })).toEqual([
      { field: 'updatedBy', code: 'UNKNOWN_FIELD', message: 'Okänt fält: updatedBy' },
    ]);
    for (const version of [0, -1, 1.5, '3', null]) {
      expect(errorsOf({ ...valid(), version })).toEqual([
        expect.objectContaining({ field: 'version', code: 'INVALID_VERSION' }),
      ]);
    }
  });

  it('refuses non-objects', () => {
    for (const input of [null, undefined, 'policy', 42, []]) {
      expect(errorsOf(input)).toEqual([expect.objectContaining({ code: 'INVALID_TYPE' })]);
    }
  });

  it('collects all errors at once', () => {
    const input = { ...valid(), escalationChain: [], extra: true } as Record<string, unknown>;
    (input['deadlines'] as Record<string, unknown>)['ivo_report'] = 'soon';
    expect(errorsOf(input).map((e) => e.field)).toEqual(['extra', 'deadlines.ivo_report', 'escalationChain']);
  });

  it('returns a copy, not the input', () => {
    const input = valid();
    const result = validatePolicy(input);
    expect(result.ok && result.policy.deadlines).not.toBe(input.deadlines);
    expect(result.ok && result.policy.escalationChain).not.toBe(input.escalationChain);
  });
});
