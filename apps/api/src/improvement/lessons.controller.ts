import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { mayHandleImprovements, mayProposeImprovement, maySpreadLessons } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER_DOC } from '../idempotency/idempotency.interceptor';
import { RecordLessonCheckDto, ShareLessonDto } from './dto/improvement-command.dto';
import { LessonDto, ImprovementListDto, ImprovementListQueryDto } from './dto/improvement.dto';
import { ImprovementAccess, ImprovementAccessGuard, LoadedImprovementParam } from './improvement-access';
import { ImprovementService, type LoadedImprovement } from './improvement.service';

const ID_PARAM = { name: 'id', description: 'Id', schema: { type: 'string', format: 'uuid' } } as const;

// Keeps every rule import used whichever rules this controller needs.
void [mayHandleImprovements, mayProposeImprovement, maySpreadLessons];

@ApiTags('förbättringsarbete')
@ApiBearerAuth()
@Controller('lessons')
@UseGuards(ImprovementAccessGuard)
export class LessonsController {
  constructor(private readonly service: ImprovementService) {}

  @Post()
  @HttpCode(201)
  @Authorize(maySpreadLessons)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({
    summary: 'Skicka en lärdom från en enhet till andra enheter som kontroll (IMP-7)',
    operationId: 'lesson_create',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: LessonDto,
    headers: { Location: { description: 'Adressen', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async share(
    @CurrentUser() user: Principal,
    @Body() body: ShareLessonDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LessonDto> {
    const view = await this.service.shareLesson(user, body, info);
    response.setHeader('Location', `/api/v1/lessons/${view.id}`);
    return view;
  }

  @Get()
  @Authorize(mayHandleImprovements)
  @ApiOperation({ summary: 'Lärdomar från och till dina enheter', operationId: 'lesson_list' })
  @ApiOkResponse({ type: ImprovementListDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() query: ImprovementListQueryDto): Promise<ImprovementListDto> {
    return this.service.list(user, 'lesson', query);
  }

  @Get(':id')
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('lesson', 'read')
  @ApiOperation({
    summary: 'En lärdom med enheternas kontroller (läsningen loggas)',
    operationId: 'lesson_get',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: LessonDto })
  @ApiProblems(400, 401, 403, 404)
  detail(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @ReqInfo() info: RequestInfo,
  ): Promise<LessonDto> {
    return this.service.detail(user, loaded, info) as Promise<LessonDto>;
  }

  @Post(':id/checks')
  @HttpCode(200)
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('lesson', 'read_then_body')
  @ApiOperation({ summary: 'Registrera enhetens kontroll av lärdomen', operationId: 'lesson_checks' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: LessonDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  checks(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: RecordLessonCheckDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<LessonDto> {
    return this.service.execute(user, loaded, 'record-check', body, info) as Promise<LessonDto>;
  }
}
