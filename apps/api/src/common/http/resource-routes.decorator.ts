import { applyDecorators, Get, HttpCode, Post, Put, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  type ApiBodyOptions,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  type ApiParamOptions,
  type ApiResponseNoStatusOptions,
} from '@nestjs/swagger';
import {
  IdempotencyInterceptor,
  IDEMPOTENCY_KEY_HEADER_DOC,
} from '../../idempotency/idempotency.interceptor';
import { RecoverableCreate } from '../../idempotency/idempotent-create.decorator';
import { ApiProblems } from '../problem/api-problems.decorator';

export interface RouteDoc {
  summary: string;
  /** Without one, the document's default: `<Controller>_<method>` (configure-app.ts). */
  operationId?: string;
}

export interface CreateRouteDoc extends RouteDoc {
  response: ApiResponseNoStatusOptions;
  problems: number[];
}

export interface ResourceRouteDoc extends RouteDoc {
  idParam: ApiParamOptions;
  response: ApiResponseNoStatusOptions;
}

/**
 * `POST /` (or `path`) that creates a resource: 201 with Location, replayable with an Idempotency-Key.
 * The handler must create under `@IdempotentId()` through `createOnce` (ADR 0009): a retry after a
 * crash runs it again.
 */
export const CreateRoute = ({ summary, operationId, response, problems }: CreateRouteDoc, path?: string) =>
  applyDecorators(
    Post(path),
    HttpCode(201),
    UseInterceptors(IdempotencyInterceptor),
    RecoverableCreate(),
    ApiOperation({ summary, operationId }),
    ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC),
    ApiCreatedResponse(response),
    ApiProblems(...problems),
  );

/** `GET /` (or `path`) that reads a list or a document: no id, so no 404. */
export const ReadRoute = (
  { summary, operationId, response }: RouteDoc & { response: ApiResponseNoStatusOptions },
  path?: string,
) =>
  applyDecorators(
    Get(path),
    ApiOperation({ summary, operationId }),
    ApiOkResponse(response),
    ApiProblems(400, 401, 403),
  );

/** `GET /:id` (or a `path` under it) that reads one resource. */
export const DetailRoute = ({ summary, operationId, idParam, response }: ResourceRouteDoc, path = ':id') =>
  applyDecorators(
    Get(path),
    ApiOperation({ summary, operationId }),
    ApiParam(idParam),
    ApiOkResponse(response),
    ApiProblems(400, 401, 403, 404),
  );

/** `POST /:id/<step>` that runs one command on a resource and answers 200 with its new state. */
export const CommandRoute = (path: string, { summary, operationId, idParam, response }: ResourceRouteDoc) =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    ApiOperation({ summary, operationId }),
    ApiParam(idParam),
    ApiOkResponse(response),
    ApiProblems(400, 401, 403, 404, 409, 413, 415),
  );

/** `PUT /` that saves a new version of a whole document (a policy, a list); a stale version is 409. */
export const ReplaceRoute = (
  {
    summary,
    operationId,
    body,
    response,
  }: RouteDoc & { body: ApiBodyOptions; response: ApiResponseNoStatusOptions },
  path?: string,
) =>
  applyDecorators(
    Put(path),
    ApiOperation({ summary, operationId }),
    ApiBody(body),
    ApiOkResponse(response),
    ApiProblems(400, 401, 403, 409, 413, 415),
  );
