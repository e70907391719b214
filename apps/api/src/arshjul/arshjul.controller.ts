import { Body, Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { CommandRoute, CreateRoute } from '../common/http/resource-routes.decorator';
import { ApiProblem } from '../common/problem/api-problem';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import { canPlanArshjul, canReadArshjul, mayMarkArshjulItemsDone } from './arshjul-access';
import {
  AddArshjulItemDto,
  ArshjulBoardQueryDto,
  ArshjulCompletionDto,
  ArshjulDto,
  ArshjulYearsDto,
  CancelArshjulItemDto,
  CreateArshjulDto,
  MarkArshjulItemDoneDto,
  MoveArshjulItemDto,
} from './arshjul.dto';
import { ArshjulService } from './arshjul.service';

const YEAR_PARAM = {
  name: 'year',
  description: 'Årshjulets år',
  schema: { type: 'integer', minimum: 2000, maximum: 2100 },
} as const;

const ITEM_PARAM = {
  name: 'itemId',
  description: 'Uppgiftens id i årshjulet',
  schema: { type: 'string' },
} as const;

const yearPipe = new ParseIntPipe({
  exceptionFactory: () =>
    ApiProblem.validation([{ field: 'year', code: 'INVALID_TYPE', message: 'Året måste vara ett heltal.' }]),
});

@ApiTags('årshjul')
@ApiBearerAuth()
@Controller('arshjul')
export class ArshjulController {
  constructor(private readonly service: ArshjulService) {}

  @Get()
  @Authorize(canReadArshjul)
  @ApiOperation({ summary: 'Nämndens årshjul per år, med hur mycket som är gjort (DL-31, AUD-13)' })
  @ApiOkResponse({ type: ArshjulYearsDto })
  @ApiProblems(400, 401, 403, 404)
  years(@CurrentUser() user: Principal, @Query() query: ArshjulBoardQueryDto): Promise<ArshjulYearsDto> {
    return this.service.years(user, query.board);
  }

  @Authorize(canPlanArshjul)
  @CreateRoute({
    summary: 'Skapa årshjulet för ett år med förslaget ur katalogen (DL-31); ett per nämnd och år',
    response: { type: ArshjulDto },
    problems: [400, 401, 403, 404, 409, 413, 415, 422],
  })
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateArshjulDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<ArshjulDto> {
    const plan = await this.service.create(user, body.year, body.board, info, idempotentId);
    response.setHeader('Location', `/api/v1/arshjul/${plan.year}`);
    return plan;
  }

  @Get(':year')
  @Authorize(canReadArshjul)
  @ApiOperation({ summary: 'Årets årshjul: uppgifterna med ansvarig, datum och status' })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({ type: ArshjulDto })
  @ApiProblems(400, 401, 403, 404)
  get(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Query() query: ArshjulBoardQueryDto,
  ): Promise<ArshjulDto> {
    return this.service.get(user, year, query.board);
  }

  @Get(':year/completion')
  @Authorize(canReadArshjul)
  @ApiOperation({
    summary:
      'Hur mycket av årshjulet som är gjort och vad som är försenat, till årets genomgång (REP-13, AUD-13)',
  })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({ type: ArshjulCompletionDto })
  @ApiProblems(400, 401, 403, 404)
  completion(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Query() query: ArshjulBoardQueryDto,
  ): Promise<ArshjulCompletionDto> {
    return this.service.completion(user, year, query.board);
  }

  @Authorize(canPlanArshjul)
  @CommandRoute(':year/items', {
    summary: 'Lägg till en uppgift i årshjulet',
    idParam: YEAR_PARAM,
    response: { type: ArshjulDto },
  })
  add(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Query() query: ArshjulBoardQueryDto,
    @Body() body: AddArshjulItemDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ArshjulDto> {
    return this.service.add(user, year, query.board, body, info);
  }

  @Authorize(canPlanArshjul)
  @CommandRoute(':year/items/:itemId/move', {
    summary: 'Flytta en planerad uppgift till ett annat datum inom året',
    idParam: YEAR_PARAM,
    response: { type: ArshjulDto },
  })
  @ApiParam(ITEM_PARAM)
  move(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Param('itemId') itemId: string,
    @Query() query: ArshjulBoardQueryDto,
    @Body() body: MoveArshjulItemDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ArshjulDto> {
    return this.service.command(
      user,
      year,
      query.board,
      { type: 'move-item', actor: user, data: { itemId, dueOn: body.dueOn, note: body.note ?? '' } },
      body.expectedVersion,
      info,
    );
  }

  @Authorize(canPlanArshjul)
  @CommandRoute(':year/items/:itemId/cancel', {
    summary: 'Stryk en planerad uppgift, med skäl',
    idParam: YEAR_PARAM,
    response: { type: ArshjulDto },
  })
  @ApiParam(ITEM_PARAM)
  cancel(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Param('itemId') itemId: string,
    @Query() query: ArshjulBoardQueryDto,
    @Body() body: CancelArshjulItemDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ArshjulDto> {
    return this.service.command(
      user,
      year,
      query.board,
      { type: 'cancel-item', actor: user, data: { itemId, reason: body.reason } },
      body.expectedVersion,
      info,
    );
  }

  @Authorize(mayMarkArshjulItemsDone)
  @CommandRoute(':year/items/:itemId/done', {
    summary: 'Markera en uppgift som gjord (SAS och MAS sina egna; AUD-13)',
    idParam: YEAR_PARAM,
    response: { type: ArshjulDto },
  })
  @ApiParam(ITEM_PARAM)
  done(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Param('itemId') itemId: string,
    @Query() query: ArshjulBoardQueryDto,
    @Body() body: MarkArshjulItemDoneDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ArshjulDto> {
    return this.service.command(
      user,
      year,
      query.board,
      { type: 'mark-done', actor: user, data: { itemId, doneOn: body.doneOn, note: body.note ?? '' } },
      body.expectedVersion,
      info,
    );
  }
}
