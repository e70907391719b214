import { randomUUID } from 'node:crypto';
import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { validateDelegationDocument, withDelegationIds } from '@kvalitet/domain';
import { DelegationRegisterRepository } from '@kvalitet/persistence';
import { canChangeDelegations, canReadDelegations } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute, ReplaceRoute } from '../common/http/resource-routes.decorator';
import { ApiProblem } from '../common/problem/api-problem';
import { DelegationsDocumentDto, DelegationsDto } from './delegations.dto';

/** The delegation register (api.md v1.1, AUD-6, LC-6 S5, LC-8; ADR 0023). */
@ApiTags('delegation')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly register: DelegationRegisterRepository) {}

  @Authorize(canReadDelegations)
  @ReadRoute({
    summary: 'Delegationsförteckningen: vem som får fatta besluten om lex Sarah och lex Maria',
    response: { type: DelegationsDto },
  })
  current(): Promise<DelegationsDto> {
    return this.register.current() as Promise<DelegationsDto>;
  }

  /** The body is checked by the domain's validateDelegationDocument, not by class-validator. */
  @Authorize(canChangeDelegations)
  @ReplaceRoute({
    summary: 'Ny version av delegationsförteckningen (kvalitetssamordnare); gäller beslut från och med nu',
    body: { type: DelegationsDocumentDto },
    response: { type: DelegationsDto, description: 'Den nya versionen' },
  })
  async change(
    @CurrentUser() user: Principal,
    @Body() body: unknown,
    @ReqInfo() info: RequestInfo,
  ): Promise<DelegationsDto> {
    const result = validateDelegationDocument(body);
    if (!result.ok) throw ApiProblem.documentInvalid('Delegationsförteckningen', result.errors);
    // Each row is a förordnande with an id of its own (ADR 0034), kept across saves that leave it out.
    const previous = (await this.register.current()).items;
    const items = withDelegationIds(result.items, previous, () => randomUUID());
    return this.register.change(items, user.username, {
      ...(result.version === undefined ? {} : { expectedVersion: result.version }),
      requestId: info.requestId,
    }) as Promise<DelegationsDto>;
  }
}
