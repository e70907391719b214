import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createLogger, type Logger } from '@kvalitet/runtime';
import { pathWithoutQuery } from '../http/request-log.middleware';
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, problemTypeUri } from './problem-code';
import type { ProblemDetails } from './problem-details';
import { renderProblem } from './render-problem';

@Catch()
@Injectable()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger: Logger = createLogger('api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const rendered = renderProblem(exception);
    const requestId = typeof request?.id === 'string' ? request.id : undefined;
    if (rendered.status >= 500) {
      // the path only: a query string may name a person (issue 24)
      const url =
        typeof request?.originalUrl === 'string' ? pathWithoutQuery(request.originalUrl) : undefined;
      this.logger.error(
        { err: exception, requestId, method: request?.method, url },
        `fel vid ${request?.method} ${url}`,
      );
    }
    // pino-http picks this up for its "request errored" line.
    if (rendered.status >= 500 && exception instanceof Error)
      (response as Response & { err?: Error }).err = exception;
    if (response.headersSent) {
      response.end();
      return;
    }
    const body: ProblemDetails = {
      type: problemTypeUri(rendered.code),
      title: PROBLEM_CODES[rendered.code].title,
      status: rendered.status,
      detail: rendered.detail,
      code: rendered.code,
      ...(rendered.errors && rendered.errors.length > 0 ? { errors: rendered.errors } : {}),
      ...(requestId ? { requestId } : {}),
    };
    for (const [name, value] of Object.entries(rendered.headers ?? {})) response.setHeader(name, value);
    response.status(rendered.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
