import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiProblem } from '../common/problem/api-problem';
import { AUTHORIZE, PUBLIC_ROUTE, type Authorization } from './auth.decorators';
import { TokenVerifier } from './token-verifier';

/** Global guard: a verified bearer token for every route not marked @Public, then the @Authorize rule. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const header = request.headers.authorization;
    const match =
      typeof header === 'string'
        ? /^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.?[A-Za-z0-9\-_.+/=]*)\s*$/i.exec(header)
        : null;
    if (!match) throw ApiProblem.unauthenticated();
    const principal = await this.verifier.verify(match[1]!);
    request.user = principal;
    const rule = this.reflector.getAllAndOverride<Authorization | undefined>(AUTHORIZE, targets);
    if (rule && !rule(principal)) throw ApiProblem.forbidden();
    return true;
  }
}
