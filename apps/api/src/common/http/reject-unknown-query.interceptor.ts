import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ApiProblem } from '../problem/api-problem';

const QUERY_PARAMTYPE = 4; // RouteParamtypes.QUERY

/**
 * Unknown query parameters are 400 (api.md "unknown fields included"). Handlers that take a query
 * DTO get this from the ValidationPipe (forbidNonWhitelisted); this catches the handlers that take
 * no query at all. Runs after the guards, so 401/403 still come first.
 */
@Injectable()
export class RejectUnknownQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const names = Object.keys(request.query ?? {});
      if (names.length > 0 && !this.takesQuery(context)) {
        throw ApiProblem.validation(
          names.map((name) => ({
            field: name,
            code: 'UNKNOWN_FIELD',
            message: `Frågeparametern ${name} är okänd.`,
          })),
        );
      }
    }
    return next.handle();
  }

  private takesQuery(context: ExecutionContext): boolean {
    const args: Record<string, unknown> =
      Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
    return Object.keys(args).some((key) => key.split(':')[0] === String(QUERY_PARAMTYPE));
  }
}
