import type { ProblemFieldError } from '../problem/problem-details';

const MAX_DEPTH = 20;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Postgres text and jsonb cannot hold NUL, nor a lone UTF-16 surrogate (which JSON can carry). */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * Finds the strings in a request body or query that the database could not store, so that they are
 * a 400 naming the field rather than a failed INSERT. Keys are checked too.
 */
export function unstorableTextErrors(value: unknown, path = '', depth = 0): ProblemFieldError[] {
  if (typeof value === 'string') {
    return isStorableText(value)
      ? []
      : [
          {
            field: path,
            code: 'INVALID_CHARACTER',
            message: `Fältet ${path || '(innehållet)'} innehåller ett otillåtet tecken (NUL eller ofullständig UTF-16).`,
          },
        ];
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => unstorableTextErrors(item, `${path}[${index}]`, depth + 1));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const field = path === '' ? key : `${path}.${key}`;
    if (!isStorableText(key))
      return [
        {
          field: path || '(innehållet)',
          code: 'INVALID_CHARACTER',
          message: 'Ett fältnamn innehåller ett otillåtet tecken.',
        },
      ];
    return unstorableTextErrors(item, field, depth + 1);
  });
}
