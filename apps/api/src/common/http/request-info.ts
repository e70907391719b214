import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface RequestInfo {
  requestId?: string;
  /** Method and route pattern, e.g. `GET /api/v1/cases/:id` (the access log's `route`). */
  route: string;
}

function requestInfoOf(request: Request & { id?: string }): RequestInfo {
  const pattern = (request.route as { path?: unknown } | undefined)?.path;
  return {
    requestId: typeof request.id === 'string' ? request.id : undefined,
    route: `${request.method} ${typeof pattern === 'string' ? pattern : request.path}`,
  };
}

export const ReqInfo = createParamDecorator((_data: unknown, context: ExecutionContext): RequestInfo =>
  requestInfoOf(context.switchToHttp().getRequest()),
);
