import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ImprovementCommandService } from '@kvalitet/persistence';
import { canHandleImprovement, canReadImprovement } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { ORGANISATION } from '../org/organisation.instance';
import { improvementFactsOf, type ImprovementKind, type LoadedImprovement } from './improvement.service';

/** Who may run a command once they can read the item. */
export type ImprovementRight = 'read' | 'handle' | 'handle_or_owner' | 'proposer' | 'read_then_body';

interface AccessSpec {
  readonly kind: ImprovementKind;
  readonly right: ImprovementRight;
}

const ACCESS = 'kvalitet:improvement-access';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = 'Det du söker finns inte, eller så har du inte behörighet att se det.';

export const ImprovementAccess = (kind: ImprovementKind, right: ImprovementRight): MethodDecorator =>
  SetMetadata(ACCESS, { kind, right } satisfies AccessSpec);

type ImprovementRequest = Request & { user?: Principal; loadedImprovement?: LoadedImprovement };

/**
 * Loads the proposal, action or lesson before any pipe: id form (400) → visibility and kind (404, as
 * if it did not exist) → the command right (403). The role gate (`@Authorize`) has run before.
 */
@Injectable()
export class ImprovementAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly improvements: ImprovementCommandService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.get<AccessSpec | undefined>(ACCESS, context.getHandler());
    if (!spec) return true;
    const request = context.switchToHttp().getRequest<ImprovementRequest>();
    const principal = request.user;
    if (!principal) return false;
    const id = String(request.params['id'] ?? '');
    if (!UUID.test(id))
      throw ApiProblem.validation([{ field: 'id', code: 'INVALID_FORMAT', message: 'Id är inte giltigt.' }]);
    const { state, events } = await this.improvements.load(id.toLowerCase());
    if (!state || state.kind !== spec.kind) throw ApiProblem.notFound(NOT_FOUND);
    const facts = improvementFactsOf(state);
    if (!canReadImprovement(principal, facts, ORGANISATION)) throw ApiProblem.notFound(NOT_FOUND);
    const handler = canHandleImprovement(principal, facts.unitId, ORGANISATION);
    const allowed =
      spec.right === 'read' ||
      spec.right === 'read_then_body' ||
      (spec.right === 'handle' && handler) ||
      (spec.right === 'handle_or_owner' && (handler || facts.owner === principal.username)) ||
      (spec.right === 'proposer' && facts.proposer === principal.username);
    if (!allowed) throw ApiProblem.forbidden('Du har inte behörighet att göra detta.');
    request.loadedImprovement = { state, events, facts };
    return true;
  }
}

export const LoadedImprovementParam = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LoadedImprovement => {
    const loaded = context.switchToHttp().getRequest<ImprovementRequest>().loadedImprovement;
    if (!loaded) throw new Error('LoadedImprovementParam utan @ImprovementAccess');
    return loaded;
  },
);
