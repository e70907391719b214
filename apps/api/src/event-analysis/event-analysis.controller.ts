import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute, ReplaceRoute } from '../common/http/resource-routes.decorator';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import {
  RegisterCommand,
  RegisterCreate,
  RegisterDetail,
  type RegisterItem,
} from '../routines/register-support/register-routes.decorator';
import { randomUUID } from 'node:crypto';
import { eventAnalysisAccess, mayUseEventAnalyses } from './event-analysis-access';
import type { ItemRule } from '../routines/register-support/register-access.guard';
import {
  AddCauseDto,
  AddTimelineEntryDto,
  CauseCategoriesDto,
  CauseTrendDto,
  CauseTrendQueryDto,
  CompleteEventAnalysisDto,
  EventAnalysisDto,
  EventAnalysisListQueryDto,
  EventAnalysisPageDto,
  LinkCaseDto,
  RemoveCauseDto,
  RemoveTimelineEntryDto,
  SaveCauseCategoriesDto,
  SetTeamDto,
  StartEventAnalysisDto,
} from './event-analysis.dto';
import { EventAnalysisService } from './event-analysis.service';

const ANALYSIS: RegisterItem = ['event_analysis', 'Händelseanalysen', eventAnalysisAccess as ItemRule];

const mayConfigureCauses = (principal: Principal) => principal.roles.includes('quality_coordinator');

@ApiTags('händelseanalys')
@ApiBearerAuth()
@Controller('handelseanalyser')
export class EventAnalysisController {
  constructor(private readonly service: EventAnalysisService) {}

  @RegisterCreate({
    rule: mayUseEventAnalyses,
    summary: 'Starta en händelseanalys för ett eller flera ärenden, även över enheter (RA-11)',
    type: EventAnalysisDto,
    location: 'Analysens adress',
    problems: [400, 401, 403, 409, 413, 415, 422],
  })
  async start(
    @CurrentUser() user: Principal,
    @Body() body: StartEventAnalysisDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<EventAnalysisDto> {
    const analysis = await this.service.start(user, body, info, idempotentId);
    response.setHeader('Location', `/api/v1/handelseanalyser/${analysis.id}`);
    return analysis;
  }

  @Authorize(mayUseEventAnalyses)
  @ReadRoute({
    summary: 'Händelseanalyser för enheterna inom ditt ansvar',
    response: { type: EventAnalysisPageDto },
  })
  list(
    @CurrentUser() user: Principal,
    @Query() query: EventAnalysisListQueryDto,
  ): Promise<EventAnalysisPageDto> {
    return this.service.list(user, query);
  }

  @Authorize(mayUseEventAnalyses)
  @ReadRoute(
    {
      summary: 'Orsaker per kategori i analyserna som startats under perioden (IMP-5)',
      response: { type: CauseTrendDto },
    },
    'causes',
  )
  causes(@CurrentUser() user: Principal, @Query() query: CauseTrendQueryDto): Promise<CauseTrendDto> {
    return this.service.causeTrend(user, query.from, query.to);
  }

  @Authorize(mayUseEventAnalyses)
  @ReadRoute(
    { summary: 'Orsakskategorierna (IMP-5)', response: { type: CauseCategoriesDto } },
    'cause-categories',
  )
  async categories(): Promise<CauseCategoriesDto> {
    const saved = await this.service.currentCategories();
    return { ...saved, categories: saved.categories.map((c) => ({ ...c })) };
  }

  @Authorize(mayConfigureCauses)
  @ReplaceRoute(
    {
      summary: 'Spara orsakskategorierna; nya analyser använder dem, startade behåller sina (IMP-5)',
      body: { type: SaveCauseCategoriesDto },
      response: { type: CauseCategoriesDto },
    },
    'cause-categories',
  )
  async saveCategories(
    @CurrentUser() user: Principal,
    @Body() body: SaveCauseCategoriesDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CauseCategoriesDto> {
    const saved = await this.service.saveCategories(user, body.categories, body.expectedVersion, info);
    return { ...saved, categories: saved.categories.map((c) => ({ ...c })) };
  }

  @RegisterDetail({
    rule: mayUseEventAnalyses,
    summary: 'En händelseanalys',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<EventAnalysisDto> {
    return this.service.get(user, id);
  }

  @RegisterCommand(':id/cases', {
    rule: mayUseEventAnalyses,
    summary: 'Koppla ytterligare ett ärende till analysen',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  linkCase(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: LinkCaseDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    return this.service.linkCase(user, id, body.caseId, body.expectedVersion, info);
  }

  @RegisterCommand(':id/team', {
    rule: mayUseEventAnalyses,
    summary: 'Ange analysteamet',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  team(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: SetTeamDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    const team = body.team.map((m) => ({ name: m.name.trim(), role: m.role.trim() }));
    return this.service.command(
      user,
      id,
      { type: 'set-team', actor: user, data: { team } },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/timeline', {
    rule: mayUseEventAnalyses,
    summary: 'Lägg till en händelse i tidslinjen (roller, inga personuppgifter)',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  addTimelineEntry(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddTimelineEntryDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'add-timeline-entry',
        actor: user,
        data: {
          entryId: randomUUID(),
          when: body.when.trim(),
          what: body.what.trim(),
          role: body.role.trim(),
        },
      },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/timeline/remove', {
    rule: mayUseEventAnalyses,
    summary: 'Ta bort en händelse ur tidslinjen',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  removeTimelineEntry(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RemoveTimelineEntryDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    return this.service.command(
      user,
      id,
      { type: 'remove-timeline-entry', actor: user, data: { entryId: body.entryId.toLowerCase() } },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/causes', {
    rule: mayUseEventAnalyses,
    summary: 'Registrera en orsak i en kategori, bidragande eller grundorsak (IMP-5)',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  addCause(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddCauseDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'add-cause',
        actor: user,
        data: {
          causeId: randomUUID(),
          category: body.category,
          kind: body.kind,
          description: body.description,
        },
      },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/causes/remove', {
    rule: mayUseEventAnalyses,
    summary: 'Ta bort en orsak',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  removeCause(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RemoveCauseDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    return this.service.command(
      user,
      id,
      { type: 'remove-cause', actor: user, data: { causeId: body.causeId.toLowerCase() } },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/complete', {
    rule: mayUseEventAnalyses,
    summary: 'Avsluta analysen med en sammanfattning; kräver minst en grundorsak',
    type: EventAnalysisDto,
    item: ANALYSIS,
  })
  complete(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: CompleteEventAnalysisDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    return this.service.command(
      user,
      id,
      { type: 'complete', actor: user, data: { summary: body.summary.trim() } },
      body.expectedVersion,
      info,
    );
  }
}
