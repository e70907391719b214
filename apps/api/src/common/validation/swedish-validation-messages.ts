import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { ProblemFieldError } from '../problem/problem-details';
import { acceptedYearRange } from './accepted-year-range';
import { MAX_STORABLE_OFFSET_MINUTES } from './date-input';

/**
 * class-validator constraint → stable code and Swedish message. Messages are built here from the
 * constraint's own arguments (read from class-validator's metadata), so DTOs use the plain
 * decorators and every field error reads the same way.
 */
type Describe = (field: string, args: readonly unknown[]) => string;

const list = (values: unknown): string => {
  const items = Array.isArray(values)
    ? values
    : typeof values === 'object' && values !== null
      ? Object.values(values)
      : [];
  return items.map(String).join(', ');
};

const hoursAndMinutes = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const CONSTRAINTS: Record<string, { code: string; describe: Describe }> = {
  whitelistValidation: {
    code: 'UNKNOWN_FIELD',
    describe: (f) => `Fältet ${f} är okänt och får inte skickas.`,
  },
  isDefined: { code: 'REQUIRED', describe: (f) => `Fältet ${f} måste anges.` },
  isNotEmpty: { code: 'REQUIRED', describe: (f) => `Fältet ${f} får inte vara tomt.` },
  isNotBlank: { code: 'REQUIRED', describe: (f) => `Fältet ${f} måste anges och får inte vara tomt.` },
  isString: { code: 'INVALID_TYPE', describe: (f) => `Fältet ${f} måste vara text.` },
  isBoolean: { code: 'INVALID_TYPE', describe: (f) => `Fältet ${f} måste vara true eller false.` },
  isInt: { code: 'INVALID_TYPE', describe: (f) => `Fältet ${f} måste vara ett heltal.` },
  isNumber: { code: 'INVALID_TYPE', describe: (f) => `Fältet ${f} måste vara ett tal.` },
  isObject: { code: 'INVALID_TYPE', describe: (f) => `Fältet ${f} måste vara ett objekt.` },
  nestedValidation: { code: 'INVALID_TYPE', describe: (f) => `Fältet ${f} måste vara ett objekt.` },
  isArray: { code: 'INVALID_TYPE', describe: (f) => `Fältet ${f} måste vara en lista.` },
  isEnum: {
    code: 'INVALID_ENUM',
    describe: (f, a) => `Fältet ${f} måste vara något av: ${list(a[1] ?? a[0])}.`,
  },
  isIn: { code: 'INVALID_ENUM', describe: (f, a) => `Fältet ${f} måste vara något av: ${list(a[0])}.` },
  isUUID: { code: 'INVALID_FORMAT', describe: (f) => `Fältet ${f} måste vara ett giltigt id.` },
  isEmail: { code: 'INVALID_FORMAT', describe: (f) => `Fältet ${f} måste vara en e-postadress.` },
  matches: { code: 'INVALID_FORMAT', describe: (f) => `Fältet ${f} har fel format.` },
  maxLength: {
    code: 'TOO_LONG',
    describe: (f, a) => `Fältet ${f} får vara högst ${String(a[0])} tecken långt.`,
  },
  minLength: {
    code: 'TOO_SHORT',
    describe: (f, a) => `Fältet ${f} måste vara minst ${String(a[0])} tecken långt.`,
  },
  min: { code: 'OUT_OF_RANGE', describe: (f, a) => `Fältet ${f} måste vara minst ${String(a[0])}.` },
  max: { code: 'OUT_OF_RANGE', describe: (f, a) => `Fältet ${f} får vara högst ${String(a[0])}.` },
  arrayMaxSize: { code: 'TOO_LONG', describe: (f, a) => `Listan ${f} får ha högst ${String(a[0])} element.` },
  arrayMinSize: {
    code: 'TOO_SHORT',
    describe: (f, a) => `Listan ${f} måste ha minst ${String(a[0])} element.`,
  },
  isDateTimeWithOffset: {
    code: 'INVALID_FORMAT',
    describe: (f) =>
      `Fältet ${f} måste vara en tidpunkt med datum, klockslag och tidszon, till exempel 2026-11-20T14:05:00+01:00.`,
  },
  isDateOrDateTime: {
    code: 'INVALID_FORMAT',
    describe: (f) =>
      `Fältet ${f} måste vara ett datum eller en tidpunkt. Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-20.`,
  },
  isCalendarDate: {
    code: 'INVALID_FORMAT',
    describe: (f) => `Fältet ${f} måste vara ett datum. Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-20.`,
  },
  isIsoWeek: {
    code: 'INVALID_FORMAT',
    describe: (f) =>
      `Fältet ${f} måste vara en vecka som finns (vecka 01–52 eller 53). Ange vecka som ÅÅÅÅ-Www, till exempel 2026-W48.`,
  },
  isWithinAcceptedYears: {
    code: 'OUT_OF_RANGE',
    describe: (f) => {
      const { min, max } = acceptedYearRange();
      return `Fältet ${f} måste ligga mellan år ${min} och ${max}.`;
    },
  },
  hasStorableOffset: {
    code: 'OUT_OF_RANGE',
    describe: (f) => {
      const limit = hoursAndMinutes(MAX_STORABLE_OFFSET_MINUTES);
      return `Fältet ${f} måste ha en tidszon mellan -${limit} och +${limit}.`;
    },
  },
  isKnownUnit: { code: 'UNKNOWN_UNIT', describe: (f) => `Fältet ${f} anger en enhet som inte finns.` },
  isUsername: {
    code: 'INVALID_FORMAT',
    describe: (f) =>
      `Fältet ${f} måste vara ett användarnamn (bokstäver, siffror, punkt, bindestreck, understreck, @).`,
  },
};

const TYPE_CONSTRAINTS = [
  'isString',
  'isBoolean',
  'isInt',
  'isNumber',
  'isObject',
  'isArray',
  'nestedValidation',
];

function constraintArgs(error: ValidationError, constraint: string): readonly unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === constraint || m.type === constraint));
  return metadata?.constraints ?? [];
}

const CHOICE_CONSTRAINTS = ['isIn', 'isEnum'];

function describe(error: ValidationError, field: string, constraint: string): ProblemFieldError {
  // A choice left empty (an empty select) is missing, not wrong: the allowed codes mean nothing to people.
  // The pipe keeps values out of errors (`value: false`); the target object still holds it.
  const value = (error.target as Record<string, unknown> | undefined)?.[error.property];
  if (CHOICE_CONSTRAINTS.includes(constraint) && (value === undefined || value === null || value === ''))
    return { field, code: 'REQUIRED', message: `Fältet ${field} måste anges.` };
  const known = CONSTRAINTS[constraint];
  if (!known) return { field, code: 'INVALID', message: `Fältet ${field} har ett ogiltigt värde.` };
  return { field, code: known.code, message: known.describe(field, constraintArgs(error, constraint)) };
}

/** Flattens class-validator errors (nested objects, arrays) into api.md's `errors` entries. */
export function toFieldErrors(errors: readonly ValidationError[], prefix = ''): ProblemFieldError[] {
  const result: ProblemFieldError[] = [];
  for (const error of errors) {
    const field =
      prefix === ''
        ? error.property
        : /^\d+$/.test(error.property)
          ? `${prefix}[${error.property}]`
          : `${prefix}.${error.property}`;
    const constraints = Object.keys(error.constraints ?? {});
    // Report "required" or "wrong type" alone rather than every consequence of it.
    const wrongType = constraints.filter((c) => TYPE_CONSTRAINTS.includes(c));
    const primary = constraints.includes('isDefined')
      ? ['isDefined']
      : constraints.includes('isNotBlank')
        ? ['isNotBlank']
        : wrongType.length > 0
          ? wrongType
          : constraints;
    for (const constraint of primary) result.push(describe(error, field, constraint));
    if (error.children && error.children.length > 0) result.push(...toFieldErrors(error.children, field));
  }
  return result;
}
