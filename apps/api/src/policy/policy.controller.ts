import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { validatePolicy } from '@kvalitet/domain';
import { PolicyRepository } from '@kvalitet/persistence';
import { canChangePolicy, canReadPolicy } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ReadRoute, ReplaceRoute } from '../common/http/resource-routes.decorator';
import { PolicyDocumentDto, PolicyDto } from './policy.dto';

@ApiTags('fristpolicy')
@ApiBearerAuth()
@Controller('policy')
export class PolicyController {
  constructor(private readonly policies: PolicyRepository) {}

  @Authorize(canReadPolicy)
  @ReadRoute({ summary: 'Gällande fristpolicy', response: { type: PolicyDto } })
  current(): Promise<PolicyDto> {
    return this.policies.current();
  }

  /** The body is checked by the domain's validatePolicy (its keys are open), not by class-validator. */
  @Authorize(canChangePolicy)
  @ReplaceRoute({
    summary: 'Ny version av fristpolicyn (kvalitetssamordnare); gäller frister som startar efter ändringen',
    body: { type: PolicyDocumentDto },
    response: { type: PolicyDto, description: 'Den nya versionen' },
  })
  async change(
    @CurrentUser() user: Principal,
    @Body() body: unknown,
    @ReqInfo() info: RequestInfo,
  ): Promise<PolicyDto> {
    const result = validatePolicy(body);
    if (!result.ok)
      throw ApiProblem.validation(
        result.errors.map((e) => ({ field: e.field, code: e.code, message: e.message })),
      );
    const { version, deadlines, escalationChain, decisionDelegation } = result.policy;
    const change = { deadlines, escalationChain, ...(decisionDelegation ? { decisionDelegation } : {}) };
    return this.policies.change(change, user.username, {
      expectedVersion: version,
      requestId: info.requestId,
    });
  }
}
