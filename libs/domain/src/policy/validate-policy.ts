import { documentTopLevelErrors, isPlainObject } from '../common/json-document';
import { DEADLINE_KEYS, ESCALATION_ROLES, isEscalationRole } from './deadline-policy';
import type {
  DeadlinePolicyDocument,
  DecisionDelegate,
  DecisionDelegation,
  PolicyDeadlines,
  PolicyDuration,
} from './deadline-policy';
import { DELEGATED_DECISION_TYPES, isDelegatedDecisionType } from './decision-delegation';
import { approximateDurationMs, isZeroDuration, parseIsoDuration } from './iso-duration';

/** One problem with a field, as in the API's problem+json `errors` (message in Swedish). */
export interface PolicyFieldError {
  readonly field: string;
  readonly code: PolicyErrorCode;
  readonly message: string;
}

export type PolicyErrorCode =
  | 'INVALID_TYPE'
  | 'REQUIRED'
  | 'UNKNOWN_FIELD'
  | 'INVALID_VERSION'
  | 'INVALID_KEY'
  | 'INVALID_DURATION'
  | 'NOT_POSITIVE'
  | 'TOO_LONG'
  | 'INVALID_WORKING_DAYS'
  | 'EMPTY_CHAIN'
  | 'UNKNOWN_ROLE'
  | 'DUPLICATE_ROLE';

export type PolicyValidationResult =
  | { readonly ok: true; readonly policy: DeadlinePolicyDocument }
  | { readonly ok: false; readonly errors: PolicyFieldError[] };

/** Longest accepted ISO duration (about ten years) and working-day count. */
export const MAX_POLICY_DURATION_MS = 10 * 366 * 86_400_000;
export const MAX_POLICY_WORKING_DAYS = 2500;

export const INVALID_DURATION_MESSAGE =
  'Ogiltig tidsfrist: ange ett antal timmar, dagar, veckor, månader eller arbetsdagar, till exempel 24 timmar eller 3 arbetsdagar.';

const TOP_LEVEL_FIELDS = ['version', 'deadlines', 'escalationChain', 'decisionDelegation'];
const MAX_REFERENCE_LENGTH = 500;
const EXTRA_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

function validateDuration(
  field: string,
  value: unknown,
  errors: PolicyFieldError[],
): PolicyDuration | undefined {
  if (typeof value === 'string') {
    const parsed = parseIsoDuration(value);
    if (!parsed) {
      errors.push({ field, code: 'INVALID_DURATION', message: INVALID_DURATION_MESSAGE });
      return undefined;
    }
    if (parsed.sign < 0 || isZeroDuration(parsed)) {
      errors.push({ field, code: 'NOT_POSITIVE', message: 'Varaktigheten måste vara större än noll' });
      return undefined;
    }
    if (approximateDurationMs(parsed) > MAX_POLICY_DURATION_MS) {
      errors.push({ field, code: 'TOO_LONG', message: 'Varaktigheten är för lång (högst 10 år)' });
      return undefined;
    }
    return value;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== 'workingDays') {
      errors.push({ field, code: 'INVALID_DURATION', message: INVALID_DURATION_MESSAGE });
      return undefined;
    }
    const workingDays = value['workingDays'];
    if (typeof workingDays !== 'number' || !Number.isInteger(workingDays) || workingDays <= 0) {
      errors.push({
        field: `${field}.workingDays`,
        code: 'INVALID_WORKING_DAYS',
        message: 'Antal arbetsdagar måste vara ett positivt heltal',
      });
      return undefined;
    }
    if (workingDays > MAX_POLICY_WORKING_DAYS) {
      errors.push({
        field: `${field}.workingDays`,
        code: 'TOO_LONG',
        message: `Antal arbetsdagar får vara högst ${MAX_POLICY_WORKING_DAYS}`,
      });
      return undefined;
    }
    return { workingDays };
  }
  errors.push({ field, code: 'INVALID_DURATION', message: INVALID_DURATION_MESSAGE });
  return undefined;
}

function validateDeadlines(value: unknown, errors: PolicyFieldError[]): PolicyDeadlines | undefined {
  if (value === undefined) {
    errors.push({ field: 'deadlines', code: 'REQUIRED', message: 'Fältet deadlines saknas' });
    return undefined;
  }
  if (!isPlainObject(value)) {
    errors.push({ field: 'deadlines', code: 'INVALID_TYPE', message: 'deadlines måste vara ett objekt' });
    return undefined;
  }
  const before = errors.length;
  const out: Record<string, PolicyDuration> = {};
  for (const key of DEADLINE_KEYS) {
    if (!(key in value) || value[key] === undefined) {
      errors.push({ field: `deadlines.${key}`, code: 'REQUIRED', message: `Tidsfristen ${key} saknas` });
    }
  }
  for (const [key, raw] of Object.entries(value)) {
    if (raw === undefined && (DEADLINE_KEYS as readonly string[]).includes(key)) continue; // reported above
    if (!EXTRA_KEY_PATTERN.test(key)) {
      errors.push({
        field: `deadlines.${key}`,
        code: 'INVALID_KEY',
        message: 'Ogiltigt namn på tidsfrist: använd små bokstäver, siffror och understreck',
      });
      continue;
    }
    const duration = validateDuration(`deadlines.${key}`, raw, errors);
    if (duration !== undefined) out[key] = duration;
  }
  return errors.length === before ? (out as PolicyDeadlines) : undefined;
}

function validateChain(value: unknown, errors: PolicyFieldError[]): string[] | undefined {
  if (value === undefined) {
    errors.push({ field: 'escalationChain', code: 'REQUIRED', message: 'Fältet escalationChain saknas' });
    return undefined;
  }
  if (!Array.isArray(value)) {
    errors.push({
      field: 'escalationChain',
      code: 'INVALID_TYPE',
      message: 'escalationChain måste vara en lista med roller',
    });
    return undefined;
  }
  if (value.length === 0) {
    errors.push({
      field: 'escalationChain',
      code: 'EMPTY_CHAIN',
      message: 'Eskaleringskedjan måste innehålla minst en roll',
    });
    return undefined;
  }
  const before = errors.length;
  const seen = new Set<string>();
  value.forEach((role: unknown, index) => {
    const field = `escalationChain[${index}]`;
    if (typeof role !== 'string' || !isEscalationRole(role)) {
      errors.push({
        field,
        code: 'UNKNOWN_ROLE',
        message: `Okänd roll: tillåtna är ${ESCALATION_ROLES.join(', ')}`,
      });
    } else if (seen.has(role)) {
      errors.push({ field, code: 'DUPLICATE_ROLE', message: `Rollen ${role} förekommer mer än en gång` });
    } else {
      seen.add(role);
    }
  });
  return errors.length === before ? (value as string[]).slice() : undefined;
}

function validateDelegate(
  type: string,
  raw: unknown,
  errors: PolicyFieldError[],
): DecisionDelegate | undefined {
  const field = `decisionDelegation.${type}`;
  if (!isPlainObject(raw)) {
    errors.push({ field, code: 'INVALID_TYPE', message: 'Ange { role, reference? } för beslutsfattaren' });
    return undefined;
  }
  const before = errors.length;
  for (const key of Object.keys(raw)) {
    if (key !== 'role' && key !== 'reference')
      errors.push({ field: `${field}.${key}`, code: 'UNKNOWN_FIELD', message: `Okänt fält: ${key}` });
  }
  const { role, reference } = raw;
  if (typeof role !== 'string' || !isEscalationRole(role)) {
    errors.push({
      field: `${field}.role`,
      code: role === undefined ? 'REQUIRED' : 'UNKNOWN_ROLE',
      message: `Okänd roll: tillåtna är ${ESCALATION_ROLES.join(', ')}`,
    });
  }
  if (
    reference !== undefined &&
    (typeof reference !== 'string' || reference.trim() === '' || reference.length > MAX_REFERENCE_LENGTH)
  ) {
    errors.push({
      field: `${field}.reference`,
      code: 'INVALID_TYPE',
      message: `Delegationens referens måste vara en text på 1–${MAX_REFERENCE_LENGTH} tecken`,
    });
  }
  if (errors.length > before) return undefined;
  return typeof reference === 'string'
    ? { role: role as string, reference: reference.trim() }
    : { role: role as string };
}

/** The delegationsordning: who decides lex Sarah and lex Maria. Optional; absent means the defaults. */
function validateDelegation(value: unknown, errors: PolicyFieldError[]): DecisionDelegation | undefined {
  if (!isPlainObject(value)) {
    errors.push({
      field: 'decisionDelegation',
      code: 'INVALID_TYPE',
      message: 'decisionDelegation måste vara ett objekt per ärendetyp',
    });
    return undefined;
  }
  const out: Partial<Record<string, DecisionDelegate>> = {};
  for (const [type, raw] of Object.entries(value)) {
    if (!isDelegatedDecisionType(type)) {
      errors.push({
        field: `decisionDelegation.${type}`,
        code: 'INVALID_KEY',
        message: `Beslut delegeras för ärendetyperna ${DELEGATED_DECISION_TYPES.join(', ')}`,
      });
      continue;
    }
    const delegate = validateDelegate(type, raw, errors);
    if (delegate) out[type] = delegate;
  }
  return out as DecisionDelegation;
}

/**
 * Validates a deadline policy document (the body of `PUT /policy`, or a stored policy).
 * Collects every problem rather than stopping at the first.
 */
export function validatePolicy(input: unknown): PolicyValidationResult {
  const errors: PolicyFieldError[] = [];
  if (!isPlainObject(input)) {
    return {
      ok: false,
      errors: [{ field: '', code: 'INVALID_TYPE', message: 'Policyn måste vara ett JSON-objekt' }],
    };
  }
  errors.push(...documentTopLevelErrors(input, TOP_LEVEL_FIELDS, 'version måste vara ett positivt heltal'));
  const deadlines = validateDeadlines(input['deadlines'], errors);
  const escalationChain = validateChain(input['escalationChain'], errors);
  const decisionDelegation =
    input['decisionDelegation'] === undefined
      ? undefined
      : validateDelegation(input['decisionDelegation'], errors);
  if (errors.length > 0 || !deadlines || !escalationChain) return { ok: false, errors };
  const policy: DeadlinePolicyDocument = {
    ...(typeof input['version'] === 'number' ? { version: input['version'] } : {}),
    deadlines,
    escalationChain,
    ...(decisionDelegation === undefined ? {} : { decisionDelegation }),
  };
  return { ok: true, policy };
}
