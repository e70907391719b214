import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { validateRetentionDocument } from '@kvalitet/domain';
import { Gallring, RetentionRulesRepository } from '@kvalitet/persistence';
import { canManageRetention, canReadRetentionRules } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute, ReplaceRoute } from '../common/http/resource-routes.decorator';
import { ApiProblem } from '../common/problem/api-problem';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { rangeEndExclusive, rangeStart } from '../common/time/stockholm-range';
import {
  RetentionDocumentDto,
  RetentionLogDto,
  RetentionLogQueryDto,
  RetentionRulesDto,
  RetentionRunDto,
} from './retention.dto';

/** Gallring (api.md v1.1 "Records and gallring", DATA-2, DATA-7; ADR 0027). */
@ApiTags('gallring')
@ApiBearerAuth()
@Controller('retention')
export class RetentionController {
  constructor(
    private readonly rules: RetentionRulesRepository,
    private readonly gallring: Gallring,
  ) {}

  @Authorize(canReadRetentionRules)
  @ReadRoute({
    summary: 'Gallringsreglerna: hur länge personuppgifter och fritext sparas per ärendetyp',
    response: { type: RetentionRulesDto },
  })
  current(): Promise<RetentionRulesDto> {
    return this.rules.current() as Promise<RetentionRulesDto>;
  }

  /** The body is checked by the domain's validateRetentionDocument, not by class-validator. */
  @Authorize(canManageRetention)
  @ReplaceRoute({
    summary: 'Ny version av gallringsreglerna (dataskyddsombud, kvalitetssamordnare)',
    body: { type: RetentionDocumentDto },
    response: { type: RetentionRulesDto, description: 'Den nya versionen' },
  })
  async change(
    @CurrentUser() user: Principal,
    @Body() body: unknown,
    @ReqInfo() info: RequestInfo,
  ): Promise<RetentionRulesDto> {
    const result = validateRetentionDocument(body);
    if (!result.ok) throw ApiProblem.documentInvalid('Gallringsreglerna', result.errors);
    return this.rules.change(result.rules, user.username, {
      ...(result.version === undefined ? {} : { expectedVersion: result.version }),
      requestId: info.requestId,
    }) as Promise<RetentionRulesDto>;
  }

  @Authorize(canManageRetention)
  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Kör gallringen nu (samma som det dagliga schemat); svarar med vad som gallrades',
    operationId: 'retention_run',
  })
  @ApiOkResponse({ type: RetentionRunDto })
  @ApiProblems(401, 403)
  async run(@CurrentUser() user: Principal): Promise<RetentionRunDto> {
    const { rules } = await this.rules.current();
    return this.gallring.run(rules, { erasedBy: user.username });
  }

  @Authorize(canManageRetention)
  @ReadRoute(
    {
      summary: 'Gallringsloggen: vilka ärenden som gallrats, när och enligt vilken regel',
      response: { type: RetentionLogDto },
    },
    'log',
  )
  async log(@Query() query: RetentionLogQueryDto): Promise<RetentionLogDto> {
    const from = query.from === undefined ? undefined : rangeStart(query.from);
    const to = query.to === undefined ? undefined : rangeEndExclusive(query.to);
    if (from && to && from.getTime() >= to.getTime())
      throw ApiProblem.validation(
        [{ field: 'to', code: 'TO_BEFORE_FROM', message: 'Till och med kan inte vara före från och med.' }],
        'Till och med kan inte vara före från och med.',
      );
    return {
      items: await this.gallring.log({ ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    };
  }
}
