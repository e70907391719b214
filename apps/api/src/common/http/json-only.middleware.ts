import type { NextFunction, Request, Response } from 'express';
import { ApiProblem } from '../problem/api-problem';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;.*)?$/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;
/** The attachment uploads (issue 21) are the only bodies that are files. */
const FILE_UPLOAD_PATH = /^\/api\/v1\/(cases\/[^/]+\/|public\/feedback\/)?attachments\/?$/;

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * The api speaks JSON only: a body of any other media type is 415 before any parser sees it, so a
 * form post or a text/plain body is never half-understood.
 */
export function jsonOnlyMiddleware(request: Request, _response: Response, next: NextFunction): void {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) || !hasBody(request)) return next();
  const type = request.headers['content-type'];
  if (
    request.method === 'POST' &&
    FILE_UPLOAD_PATH.test(request.path) &&
    typeof type === 'string' &&
    MULTIPART_TYPE.test(type)
  )
    return next();
  if (typeof type !== 'string' || !JSON_TYPE.test(type.trim())) {
    return next(
      new ApiProblem('UNSUPPORTED_MEDIA_TYPE', 'Begäran måste skickas som application/json (UTF-8).'),
    );
  }
  const charset = /charset=([^;\s]+)/i.exec(type)?.[1]?.replace(/"/g, '').toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return next(new ApiProblem('UNSUPPORTED_MEDIA_TYPE', 'Begärans teckenkodning stöds inte; använd UTF-8.'));
  }
  next();
}
