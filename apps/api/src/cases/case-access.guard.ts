import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { CaseCommandName } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { CaseAccessService, type LoadedCase } from './case-access.service';

const CASE_ACCESS = 'kvalitet:case-access';

/** The route reads (`read`) or runs a command on the case named by the `:id` path parameter. */
export const CaseAccess = (access: 'read' | CaseCommandName): MethodDecorator =>
  SetMetadata(CASE_ACCESS, access);

type CaseRequest = Request & { user?: Principal; loadedCase?: LoadedCase };

/**
 * Runs after the AuthGuard and before any pipe, so the access decision (403/404) precedes body
 * validation (400) and domain refusals (409), as api.md requires. The loaded case is handed to the
 * handler (`@LoadedCaseParam()`), which therefore never reads it twice.
 */
@Injectable()
export class CaseAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: CaseAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const mode = this.reflector.get<'read' | CaseCommandName | undefined>(CASE_ACCESS, context.getHandler());
    if (!mode) return true;
    const request = context.switchToHttp().getRequest<CaseRequest>();
    const principal = request.user;
    if (!principal) return false;
    const caseId = String(request.params['id'] ?? '');
    request.loadedCase =
      mode === 'read'
        ? await this.access.loadForRead(principal, caseId)
        : await this.access.loadForCommand(principal, caseId, mode);
    return true;
  }
}

export const LoadedCaseParam = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LoadedCase => {
    const loaded = context.switchToHttp().getRequest<CaseRequest>().loadedCase;
    if (!loaded) throw new Error('LoadedCaseParam utan @CaseAccess');
    return loaded;
  },
);
