import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ledningssystemAggregate } from '@kvalitet/domain';
import type { LsStateBase } from '@kvalitet/domain';
import { EventStore, LsCommandService } from '@kvalitet/persistence';
import type { Principal } from '../../access/principal';
import { ApiProblem } from '../../common/problem/api-problem';
import { ORGANISATION } from '../../org/organisation.instance';
import type { Organisation } from '../../org/organisation';
import { requireUuid } from './require-uuid';

/** `ok`, or how to refuse: 404 for an item the caller may not even see, 403 for one they may see but not change. */
type ItemDecision = 'ok' | 'not_found' | 'forbidden';

/** A rule of the access policy over one register item (its folded state). */
export type ItemRule = (
  principal: Principal,
  item: { readonly unitId?: unknown; readonly controls?: unknown },
  org: Organisation,
) => ItemDecision;

interface RegisterAccessMeta {
  aggregateType: string;
  rule: ItemRule;
  what: string;
}

const REGISTER_ACCESS = 'kvalitet:register-access';

type RegisterRequest = Request & { user?: Principal };

/**
 * Runs after the AuthGuard and before any pipe: loads the item named by `:id` and applies the
 * access rule, so 403/404 come before body validation (400) and domain refusals (409), as api.md
 * requires of every resource.
 */
@Injectable()
class RegisterAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.get<RegisterAccessMeta | undefined>(REGISTER_ACCESS, context.getHandler());
    if (!meta) return true;
    const request = context.switchToHttp().getRequest<RegisterRequest>();
    const principal = request.user;
    if (!principal) return false;
    const id = requireUuid(String(request.params['id'] ?? ''), meta.what);
    const { state } = await new LsCommandService(
      ledningssystemAggregate(meta.aggregateType)! as never,
      this.store,
    ).load(id);
    if (!state)
      throw ApiProblem.notFound(`${meta.what} finns inte, eller så har du inte behörighet att se det.`);
    const decision = meta.rule(
      principal,
      state as LsStateBase & { unitId?: unknown; controls?: unknown },
      ORGANISATION,
    );
    if (decision === 'not_found')
      throw ApiProblem.notFound(`${meta.what} finns inte, eller så har du inte behörighet att se det.`);
    if (decision === 'forbidden') throw ApiProblem.forbidden('Du har inte behörighet att göra detta.');
    return true;
  }
}

/** The route acts on the register item `:id` of this type; `rule` (from the access policy) decides. */
export const RegisterItemAccess = (aggregateType: string, what: string, rule: ItemRule): MethodDecorator =>
  applyDecorators(
    SetMetadata(REGISTER_ACCESS, { aggregateType, rule, what } satisfies RegisterAccessMeta),
    UseGuards(RegisterAccessGuard),
  );
