import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { validatePolicy } from '@kvalitet/domain';
import { PolicyRepository } from '@kvalitet/persistence';
import { canChangePolicy, canReadPolicy } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import { ApiProblems } from '../common/problem/api-problems.decorator';
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
  @Put()
  @Authorize(canChangePolicy)
  @ApiOperation({
    summary: 'Ny version av fristpolicyn (kvalitetssamordnare); gäller frister som startar efter ändringen',
  })
  @ApiBody({ type: PolicyDocumentDto })
  @ApiOkResponse({ type: PolicyDto, description: 'Den nya versionen' })
  @ApiProblems(400, 401, 403, 409, 413, 415)
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
