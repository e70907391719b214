/**
 * Checks shared by the validators of the JSON documents the API takes (deadline and risk policy,
 * retention rules, delegation register).
 */

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

export interface DocumentFieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** What differs between two versioned row documents (`{ version?, <rows> }`): names, limits and texts. */
export interface VersionedRowsSpec<Row> {
  /** The list's field, e.g. `rules` or `items`. */
  readonly rowsField: string;
  readonly maxRows: number;
  readonly notAnObject: string;
  readonly unknownField: (key: string) => string;
  readonly notAList: string;
  readonly tooMany: string;
  /** Checks one row at `at` (`rules[3]`), pushing its errors; null when it has any. */
  readonly row: (value: unknown, at: string, errors: DocumentFieldError[]) => Row | null;
}

export type VersionedRowsResult<Row> =
  | { readonly ok: true; readonly rows: Row[]; readonly version?: number }
  | { readonly ok: false; readonly errors: DocumentFieldError[] };

/**
 * A versioned settings document of rows as a client sends it (retention rules, delegation register):
 * the top level's fields and version, the list and its length, then every row, all errors at once.
 */
export function validateVersionedRows<Row>(
  input: unknown,
  spec: VersionedRowsSpec<Row>,
): VersionedRowsResult<Row> {
  const errors: DocumentFieldError[] = [];
  if (!isPlainObject(input))
    return { ok: false, errors: [{ field: '', code: 'INVALID_TYPE', message: spec.notAnObject }] };
  for (const key of Object.keys(input))
    if (key !== 'version' && key !== spec.rowsField)
      errors.push({ field: key, code: 'UNKNOWN_FIELD', message: spec.unknownField(key) });
  const version = input['version'];
  const rows = input[spec.rowsField];
  if (
    version !== undefined &&
    !(Number.isInteger(version) && (version as number) >= 1 && (version as number) <= 2147483647)
  )
    errors.push({
      field: 'version',
      code: 'INVALID_VERSION',
      message: 'Versionen måste vara ett heltal från 1.',
    });
  if (!Array.isArray(rows)) {
    errors.push({ field: spec.rowsField, code: 'REQUIRED', message: spec.notAList });
    return { ok: false, errors };
  }
  if (rows.length > spec.maxRows)
    errors.push({ field: spec.rowsField, code: 'TOO_MANY', message: spec.tooMany });
  const out: Row[] = [];
  rows.forEach((row, index) => {
    const valid = spec.row(row, `${spec.rowsField}[${index}]`, errors);
    if (valid) out.push(valid);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, rows: out, ...(version === undefined ? {} : { version: version as number }) };
}
