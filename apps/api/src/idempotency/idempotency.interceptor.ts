import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, type Observable } from 'rxjs';
import { IdempotencyStore } from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import type { ApiConfig } from '../config/api-config.schema';
import { RECOVERABLE_CREATE, type IdempotentRequest } from './idempotent-create.decorator';
import { requestFingerprint } from './request-fingerprint';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const WAIT_FOR_FIRST_MS = 30_000;
const POLL_MS = 25;
const REPLAYED_HEADERS = ['location'];

export const IDEMPOTENCY_KEY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Samma nyckel och samma innehåll ger det första svaret igen (samma id); samma nyckel med annat innehåll ger 422.',
  schema: { type: 'string', maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' },
} as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotency-Key on creating POSTs (api.md). The first request claims the key (scope: the user, or
 * the client address on public routes); a retry with the same body gets the stored answer — also one
 * that arrives while the first is still running, which waits for it — and one with another body 422.
 * A failed first request releases the key, so a retry runs again.
 *
 * The claim names the id of the resource to create (`@IdempotentId()`) and is renewed while the
 * request runs. On a `@RecoverableCreate()` route, a retry after the holder died takes the claim
 * over once the lease has run out and runs the handler again with the same id, which finds the
 * resource the dead request committed instead of making another (`createOnce`, ADR 0009).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly leaseMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    config: ConfigService<ApiConfig, true>,
  ) {
    this.leaseMs = config.get('IDEMPOTENCY_LEASE_SECONDS', { infer: true }) * 1000;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: Principal } & IdempotentRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const recoverable =
      this.reflector.get<boolean | undefined>(RECOVERABLE_CREATE, context.getHandler()) === true;
    return from(this.run(request, response, header, next, recoverable));
  }

  private async run(
    request: Request & { user?: Principal } & IdempotentRequest,
    response: Response,
    header: string | string[],
    next: CallHandler,
    recoverable: boolean,
  ): Promise<unknown> {
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw ApiProblem.validation([
        {
          field: 'Idempotency-Key',
          code: 'INVALID_FORMAT',
          message: 'Idempotency-Key måste vara 1–200 synliga ASCII-tecken.',
        },
      ]);
    }
    const scope = request.user ? `user:${request.user.username}` : `ip:${request.ip ?? 'unknown'}`;
    const routePath = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const fingerprint = requestFingerprint(request.method, routePath, request.body);
    const deadline = Date.now() + Math.max(WAIT_FOR_FIRST_MS, 2 * this.leaseMs);
    for (;;) {
      const claim = await this.store.claim(scope, header, fingerprint, {
        leaseMs: this.leaseMs,
        recoverable,
      });
      if (claim.kind === 'claimed') {
        request.idempotency = { aggregateId: claim.aggregateId };
        break;
      }
      if (claim.kind === 'conflict') {
        throw new ApiProblem(
          'IDEMPOTENCY_CONFLICT',
          'Idempotency-Key har redan använts för en annan begäran.',
        );
      }
      if (claim.kind === 'replay') {
        response.status(claim.response.status);
        for (const [name, value] of Object.entries(claim.response.headers)) response.setHeader(name, value);
        response.setHeader('Idempotent-Replayed', 'true');
        return claim.response.body;
      }
      if (Date.now() > deadline) {
        throw new ApiProblem(
          'UNAVAILABLE',
          'En tidigare begäran med samma Idempotency-Key pågår fortfarande; försök igen om en stund.',
          { headers: { 'Retry-After': '2' } },
        );
      }
      await sleep(POLL_MS);
    }
    let body: unknown;
    const renewal = setInterval(() => {
      this.store.renew(scope, header, this.leaseMs).catch(() => undefined);
    }, this.leaseMs / 3);
    try {
      body = await new Promise((resolve, reject) => {
        let value: unknown;
        next.handle().subscribe({ next: (v) => (value = v), error: reject, complete: () => resolve(value) });
      });
    } catch (error) {
      await this.store.release(scope, header).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(renewal);
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = response.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    await this.store.complete(scope, header, { status: response.statusCode, headers, body });
    return body;
  }
}
