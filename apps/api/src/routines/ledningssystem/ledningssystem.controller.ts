import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  canManageBoardRegisters,
  canReadAppointments,
  canReadInternkontroll,
  mayReadEgenkontroll,
} from '../../access/access-policy';
import type { Principal } from '../../access/principal';
import { Authorize, CurrentUser } from '../../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../../common/http/request-info';
import { CommandRoute } from '../../common/http/resource-routes.decorator';
import { ApiProblem } from '../../common/problem/api-problem';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { IdempotentId } from '../../idempotency/idempotent-create.decorator';
import { RegisterCreate } from '../register-support/register-routes.decorator';
import {
  AdoptLedningssystemVersionDto,
  CheckReviewItemDto,
  CompleteReviewDto,
  CreateLedningssystemDto,
  LedningssystemDto,
} from './ledningssystem.dto';
import { LedningssystemStatusDto, ReviewFactSheetDto } from './ledningssystem-status.dto';
import { LedningssystemStatusService } from './ledningssystem-status.service';
import { LedningssystemService } from './ledningssystem.service';

const YEAR_PARAM = {
  name: 'year',
  description: 'Genomgångens år',
  schema: { type: 'integer', minimum: 2000, maximum: 2100 },
} as const;

const yearPipe = new ParseIntPipe({
  exceptionFactory: () =>
    ApiProblem.validation([{ field: 'year', code: 'INVALID_TYPE', message: 'Året måste vara ett heltal.' }]),
});

@ApiTags('ledningssystemet')
@ApiBearerAuth()
@Controller('ledningssystem')
export class LedningssystemController {
  constructor(
    private readonly service: LedningssystemService,
    private readonly statuses: LedningssystemStatusService,
  ) {}

  @Get()
  @Authorize(canReadAppointments)
  @ApiOperation({
    summary:
      'Ledningssystemet: versioner med nämndens beslut, dokumenthuvud (PR-9), årets genomgång med checklista och underlag',
  })
  @ApiOkResponse({ type: LedningssystemDto })
  @ApiProblems(400, 401, 403, 404)
  get(): Promise<LedningssystemDto> {
    return this.service.get();
  }

  @Get('status')
  @Authorize(mayReadEgenkontroll)
  @ApiOperation({
    summary:
      'Det som saknas eller är försenat i ledningssystemets register, för anroparens enheter (kvalitets startsida; AUD-1, AUD-2, AUD-22)',
  })
  @ApiOkResponse({ type: LedningssystemStatusDto })
  @ApiProblems(401, 403)
  status(@CurrentUser() user: Principal): Promise<LedningssystemStatusDto> {
    return this.statuses.status(user, new Date());
  }

  @Get('reviews/:year/facts')
  @Authorize(canReadInternkontroll)
  @ApiOperation({
    summary: 'Faktaunderlag till årets genomgång (mars): föregående år i registren (REP-13, DL-24)',
  })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({ type: ReviewFactSheetDto })
  @ApiProblems(400, 401, 403)
  facts(@CurrentUser() user: Principal, @Param('year', yearPipe) year: number): Promise<ReviewFactSheetDto> {
    if (year < 2000 || year > 2100)
      throw ApiProblem.validation([
        { field: 'year', code: 'OUT_OF_RANGE', message: 'Året måste vara mellan 2000 och 2100.' },
      ]);
    return this.statuses.facts(user, year, new Date());
  }

  @RegisterCreate({
    rule: canManageBoardRegisters,
    summary: 'Registrera ledningssystemet (ett per nämnd)',
    type: LedningssystemDto,
    location: 'Adressen',
    problems: [400, 401, 403, 409, 413, 415, 422],
  })
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateLedningssystemDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<LedningssystemDto> {
    const document = await this.service.create(user, body.title, body.owner, info, idempotentId);
    response.setHeader('Location', '/api/v1/ledningssystem');
    return document;
  }

  @Post('versions')
  @HttpCode(200)
  @Authorize(canManageBoardRegisters)
  @ApiOperation({ summary: 'Registrera en version som nämnden har fastställt (AUD-1; bara nämnden)' })
  @ApiOkResponse({ type: LedningssystemDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  adopt(
    @CurrentUser() user: Principal,
    @Body() body: AdoptLedningssystemVersionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<LedningssystemDto> {
    const { expectedVersion, ...data } = body;
    return this.service.command(
      user,
      { type: 'adopt-version', actor: user, data: { ...data, decision: { ...data.decision } } },
      expectedVersion,
      info,
    );
  }

  @Authorize(canManageBoardRegisters)
  @CommandRoute('reviews/:year/items', {
    summary: 'Bocka av en punkt i årets genomgång (mars)',
    idParam: YEAR_PARAM,
    response: { type: LedningssystemDto },
  })
  check(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Body() body: CheckReviewItemDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<LedningssystemDto> {
    return this.service.command(
      user,
      {
        type: 'check-review-item',
        actor: user,
        data: { year, key: body.key, done: body.done, note: body.note ?? '' },
      },
      body.expectedVersion,
      info,
    );
  }

  @Authorize(canManageBoardRegisters)
  @CommandRoute('reviews/:year/complete', {
    summary:
      'Registrera nämndens beslut om genomgången: godkänns, eller förbättringsåtgärder beslutas (REP-13)',
    idParam: YEAR_PARAM,
    response: { type: LedningssystemDto },
  })
  complete(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Body() body: CompleteReviewDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<LedningssystemDto> {
    return this.service.completeReview(user, year, body, info);
  }
}
