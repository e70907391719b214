/** Checks shared by the validators of the JSON documents the API takes (deadline policy, risk policy). */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface DocumentTopLevelError {
  readonly field: string;
  readonly code: 'UNKNOWN_FIELD' | 'INVALID_VERSION';
  readonly message: string;
}

/**
 * The errors of a document's top level: each field it does not define, then a `version` that is
 * neither absent nor a positive integer (a PUT body may leave the version out).
 */
export function documentTopLevelErrors(
  input: Record<string, unknown>,
  fields: readonly string[],
  invalidVersionMessage: string,
): DocumentTopLevelError[] {
  const errors: DocumentTopLevelError[] = Object.keys(input)
    .filter((key) => !fields.includes(key))
    .map((key) => ({ field: key, code: 'UNKNOWN_FIELD', message: `Okänt fält: ${key}` }));
  const version = input['version'];
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1))
    errors.push({ field: 'version', code: 'INVALID_VERSION', message: invalidVersionMessage });
  return errors;
}
