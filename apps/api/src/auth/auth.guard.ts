import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { AUTHORIZE, PUBLIC_ROUTE, type Authorization } from './auth.decorators';
import { SessionService } from './session/session.service';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard: for every route not marked @Public a verified bearer token or, without one, the web
 * app's sign-in session (cookie + CSRF token, ADR 0043); then the @Authorize rule.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly sessions: SessionService,
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
    if (!match && header === undefined && this.sessions.hasSessionCookie(request)) {
      const { principal } = await this.sessions.principalFor(request);
      return this.authorize(request, principal, targets);
    }
    if (!match) throw ApiProblem.unauthenticated();
    return this.authorize(request, await this.verifier.verify(match[1]!), targets);
  }

  private authorize(
    request: Request & { user?: unknown },
    principal: Principal,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): boolean {
    request.user = principal;
    const rule = this.reflector.getAllAndOverride<Authorization | undefined>(AUTHORIZE, targets);
    if (rule && !rule(principal)) throw ApiProblem.forbidden();
    return true;
  }
}
