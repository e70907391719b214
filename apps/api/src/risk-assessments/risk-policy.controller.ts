import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { validateRiskPolicy } from '@kvalitet/domain';
import { RiskPolicyRepository } from '@kvalitet/persistence';
import { canChangeRiskPolicy, mayUseRiskAssessments } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ReadRoute, ReplaceRoute } from '../common/http/resource-routes.decorator';
import { RiskPolicyDocumentDto, RiskPolicyDto } from './dto/risk-policy.dto';

@ApiTags('riskanalyser')
@ApiBearerAuth()
@Controller('risk-policy')
export class RiskPolicyController {
  constructor(private readonly policies: RiskPolicyRepository) {}

  @Authorize(mayUseRiskAssessments)
  @ReadRoute({
    summary: 'Gällande riskpolicy: nivåernas gränser och mönsterregeln för avvikelser',
    response: { type: RiskPolicyDto },
  })
  async current(): Promise<RiskPolicyDto> {
    return this.toDto(await this.policies.current());
  }

  /** The body is checked by the domain's validateRiskPolicy, not by class-validator. */
  @Authorize(canChangeRiskPolicy)
  @ReplaceRoute({
    summary: 'Ny version av riskpolicyn (kvalitetssamordnare); gäller bedömningar efter ändringen',
    body: { type: RiskPolicyDocumentDto },
    response: { type: RiskPolicyDto, description: 'Den nya versionen' },
  })
  async change(
    @CurrentUser() user: Principal,
    @Body() body: unknown,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskPolicyDto> {
    const result = validateRiskPolicy(body);
    if (!result.ok)
      throw ApiProblem.validation(
        result.errors.map((e) => ({ field: e.field, code: e.code, message: e.message })),
      );
    const { version, bands, pattern } = result.policy;
    const changed = await this.policies.change({ bands, pattern }, user.username, {
      ...(version === undefined ? {} : { expectedVersion: version }),
      requestId: info.requestId,
    });
    return this.toDto(changed);
  }

  private toDto(policy: Awaited<ReturnType<RiskPolicyRepository['current']>>): RiskPolicyDto {
    return {
      version: policy.version,
      bands: { ...policy.bands },
      pattern: { ...policy.pattern, caseTypes: [...policy.pattern.caseTypes] },
    };
  }
}
