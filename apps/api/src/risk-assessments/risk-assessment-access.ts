import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { RiskAssessmentAggregateState } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { RiskAssessmentCommandService } from '@kvalitet/persistence';
import { canUseRiskAssessment, mayUseRiskAssessments } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { ORGANISATION } from '../org/organisation.instance';

export interface LoadedRiskAssessment {
  state: RiskAssessmentAggregateState;
  events: EventEnvelope[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCESS = 'kvalitet:risk-assessment-access';
const NOT_FOUND = 'Riskanalysen finns inte, eller så har du inte behörighet att se den.';

/** The route reads or changes the risk assessment named by `:id`. */
export const RiskAssessmentAccess = (): MethodDecorator => SetMetadata(ACCESS, true);

type RiskRequest = Request & { user?: Principal; loadedRiskAssessment?: LoadedRiskAssessment };

/**
 * Loads the assessment before any pipe, in api.md's order: role (403) → id form (400) → visibility
 * (404, like an assessment that does not exist) — then the body (400) and the decider (409).
 */
@Injectable()
export class RiskAssessmentAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly service: RiskAssessmentCommandService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.reflector.get<boolean | undefined>(ACCESS, context.getHandler())) return true;
    const request = context.switchToHttp().getRequest<RiskRequest>();
    const principal = request.user;
    if (!principal) return false;
    if (!mayUseRiskAssessments(principal))
      throw ApiProblem.forbidden('Din roll ger inte tillgång till riskanalyser.');
    const id = String(request.params['id'] ?? '');
    if (!UUID.test(id))
      throw ApiProblem.validation([
        { field: 'id', code: 'INVALID_FORMAT', message: 'Riskanalysens id är inte giltigt.' },
      ]);
    const { state, events } = await this.service.load(id.toLowerCase());
    if (!state || !canUseRiskAssessment(principal, state.unitId, ORGANISATION))
      throw ApiProblem.notFound(NOT_FOUND);
    request.loadedRiskAssessment = { state, events };
    return true;
  }
}

export const LoadedRiskAssessmentParam = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LoadedRiskAssessment => {
    const loaded = context.switchToHttp().getRequest<RiskRequest>().loadedRiskAssessment;
    if (!loaded) throw new Error('LoadedRiskAssessmentParam utan @RiskAssessmentAccess');
    return loaded;
  },
);
