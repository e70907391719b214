import { ApiProblem } from '../../common/problem/api-problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path must be a UUID (400 naming the field), never a failed query. */
export function requireUuid(id: string, what: string): string {
  if (!UUID.test(id))
    throw ApiProblem.validation([
      { field: 'id', code: 'INVALID_FORMAT', message: `${what} har ett id som inte är giltigt.` },
    ]);
  return id.toLowerCase();
}
