import { Body, Controller, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { mayHandleImprovements, maySpreadLessons } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import { RecordLessonCheckDto, ShareLessonDto } from './dto/improvement-command.dto';
import { LessonDto, ImprovementListDto, ImprovementListQueryDto } from './dto/improvement.dto';
import { ImprovementAccessGuard, LoadedImprovementParam } from './improvement-access';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import { CreateImprovement, ImprovementCommand, ImprovementDetail } from './improvement-command.decorator';
import { ImprovementService, type LoadedImprovement } from './improvement.service';

@ApiTags('förbättringsarbete')
@ApiBearerAuth()
@Controller('lessons')
@UseGuards(ImprovementAccessGuard)
export class LessonsController {
  constructor(private readonly service: ImprovementService) {}

  @CreateImprovement({
    rule: maySpreadLessons,
    type: LessonDto,
    summary: 'Skicka en lärdom från en enhet till andra enheter som kontroll (IMP-7)',
    operationId: 'lesson_create',
  })
  async share(
    @CurrentUser() user: Principal,
    @Body() body: ShareLessonDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() improvementId: string | undefined,
  ): Promise<LessonDto> {
    const view = await this.service.shareLesson(user, body, info, improvementId);
    response.setHeader('Location', `/api/v1/lessons/${view.id}`);
    return view;
  }

  @Authorize(mayHandleImprovements)
  @ReadRoute({
    summary: 'Lärdomar från och till dina enheter',
    operationId: 'lesson_list',
    response: { type: ImprovementListDto },
  })
  list(@CurrentUser() user: Principal, @Query() query: ImprovementListQueryDto): Promise<ImprovementListDto> {
    return this.service.list(user, 'lesson', query);
  }

  @ImprovementDetail('lesson', {
    rule: mayHandleImprovements,
    type: LessonDto,
    summary: 'En lärdom med enheternas kontroller (läsningen loggas)',
    operationId: 'lesson_get',
  })
  detail(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @ReqInfo() info: RequestInfo,
  ): Promise<LessonDto> {
    return this.service.detail(user, loaded, info) as Promise<LessonDto>;
  }

  @ImprovementCommand(':id/checks', {
    rule: mayHandleImprovements,
    kind: 'lesson',
    right: 'read_then_body',
    type: LessonDto,
    summary: 'Registrera enhetens kontroll av lärdomen',
    operationId: 'lesson_checks',
  })
  checks(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: RecordLessonCheckDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<LessonDto> {
    return this.service.execute(user, loaded, 'record-check', body, info) as Promise<LessonDto>;
  }
}
