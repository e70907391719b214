import { Body, Controller, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { mayUseRiskAssessments } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { CreateRoute, ReadRoute } from '../common/http/resource-routes.decorator';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import {
  AcceptRiskDto,
  AddRiskActionDto,
  AddRiskDto,
  CloseRiskAssessmentDto,
  CompleteRiskActionDto,
  DismissRiskAssessmentDto,
  ReassessRiskDto,
  RecordCausesDto,
  StartRiskAssessmentDto,
  CreateRiskAssessmentDto,
} from './dto/risk-assessment-command.dto';
import {
  RiskAssessmentDto,
  RiskAssessmentListDto,
  RiskAssessmentListQueryDto,
  RiskCoverageDto,
  RiskCoverageQueryDto,
  RiskMatrixDto,
  RiskMatrixQueryDto,
} from './dto/risk-assessment.dto';
import {
  LoadedRiskAssessmentParam,
  RiskAssessmentAccessGuard,
  type LoadedRiskAssessment,
} from './risk-assessment-access';
import { RiskAssessmentCommand, RiskAssessmentDetail } from './risk-assessment-command.decorator';
import { RiskAssessmentsService } from './risk-assessments.service';

/**
 * Risk analysis with the 4×4 matrix (api.md, domain.md §6): managers for their own units and those
 * below, and kvalitet. Create, list, the matrix with counts (heat map), the detail (access-logged)
 * and one route per step of the analysis.
 */
@ApiTags('riskanalyser')
@ApiBearerAuth()
@Controller('risk-assessments')
@UseGuards(RiskAssessmentAccessGuard)
export class RiskAssessmentsController {
  constructor(private readonly service: RiskAssessmentsService) {}

  @Authorize(mayUseRiskAssessments)
  @CreateRoute({
    summary: 'Ny riskanalys med risker bedömda i 4×4-matrisen',
    operationId: 'riskAssessment_create',
    response: {
      type: RiskAssessmentDto,
      description: 'Riskanalysen är registrerad; Location pekar på den',
      headers: { Location: { description: 'Riskanalysens adress', schema: { type: 'string' } } },
    },
    problems: [400, 401, 403, 413, 415, 422],
  })
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateRiskAssessmentDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() assessmentId: string | undefined,
  ): Promise<RiskAssessmentDto> {
    const view = await this.service.create(user, body, info, assessmentId);
    response.setHeader('Location', `/api/v1/risk-assessments/${view.id}`);
    return view;
  }

  @Authorize(mayUseRiskAssessments)
  @ReadRoute({
    summary: 'Riskanalyserna du får se',
    operationId: 'riskAssessment_list',
    response: { type: RiskAssessmentListDto },
  })
  list(
    @CurrentUser() user: Principal,
    @Query() query: RiskAssessmentListQueryDto,
  ): Promise<RiskAssessmentListDto> {
    return this.service.list(user, query);
  }

  @Authorize(mayUseRiskAssessments)
  @ReadRoute(
    {
      summary: 'Riskmatrisen (4×4) med nivåer enligt gällande policy och antal risker per cell (värmekarta)',
      operationId: 'riskAssessment_matrix',
      response: { type: RiskMatrixDto },
    },
    'matrix',
  )
  matrix(@CurrentUser() user: Principal, @Query() query: RiskMatrixQueryDto): Promise<RiskMatrixDto> {
    return this.service.matrix(user, query.unitId);
  }

  @Authorize(mayUseRiskAssessments)
  @ReadRoute(
    {
      summary: 'Täckning (RA-10): enheterna du ser, med årets riskanalyser; enheter utan någon flaggas',
      operationId: 'riskAssessment_coverage',
      response: { type: RiskCoverageDto },
    },
    'coverage',
  )
  coverage(@CurrentUser() user: Principal, @Query() query: RiskCoverageQueryDto): Promise<RiskCoverageDto> {
    return this.service.coverage(user, query.year);
  }

  @RiskAssessmentDetail({
    summary: 'En riskanalys med risker, åtgärder, frister och version (läsningen loggas)',
    operationId: 'riskAssessment_get',
  })
  detail(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.detail(user, loaded, info);
  }

  @RiskAssessmentCommand(':id/start', {
    summary: 'Starta en föreslagen riskanalys (från avvikelsemönster), med eller utan risker',
    operationId: 'riskAssessment_start',
  })
  start(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: StartRiskAssessmentDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'start', body, info);
  }

  @RiskAssessmentCommand(':id/dismiss', {
    summary: 'Avfärda ett förslag till riskanalys med motivering (RA-12)',
    operationId: 'riskAssessment_dismiss',
  })
  dismiss(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: DismissRiskAssessmentDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'dismiss', body, info);
  }

  @RiskAssessmentCommand(':id/risks', {
    summary: 'Beskriv och bedöm en risk till (sannolikhet × allvarlighetsgrad)',
    operationId: 'riskAssessment_addRisk',
  })
  addRisk(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: AddRiskDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'add-risk', body, info);
  }

  @RiskAssessmentCommand(':id/causes', {
    summary: 'Registrera orsakerna till en risk (RA-4 steg 3)',
    operationId: 'riskAssessment_recordCauses',
  })
  recordCauses(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: RecordCausesDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'record-causes', body, info);
  }

  @RiskAssessmentCommand(':id/actions', {
    summary: 'Åtgärd mot en risk med ansvarig och slutdatum (handlingsplan)',
    operationId: 'riskAssessment_addAction',
  })
  addAction(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: AddRiskActionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'add-action', body, info);
  }

  @RiskAssessmentCommand(':id/complete-action', {
    summary: 'Markera en åtgärd som genomförd',
    operationId: 'riskAssessment_completeAction',
  })
  completeAction(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: CompleteRiskActionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'complete-action', body, info);
  }

  @RiskAssessmentCommand(':id/reassess', {
    summary: 'Bedöm om en risk efter åtgärderna: kvarstående riskvärde',
    operationId: 'riskAssessment_reassess',
  })
  reassess(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: ReassessRiskDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'reassess', body, info);
  }

  @RiskAssessmentCommand(':id/accept-risk', {
    summary: 'Acceptera en risk med motivering (RA-7)',
    operationId: 'riskAssessment_acceptRisk',
  })
  acceptRisk(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: AcceptRiskDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'accept-risk', body, info);
  }

  @RiskAssessmentCommand(':id/close', {
    summary: 'Avsluta riskanalysen',
    operationId: 'riskAssessment_close',
  })
  close(
    @CurrentUser() user: Principal,
    @LoadedRiskAssessmentParam() loaded: LoadedRiskAssessment,
    @Body() body: CloseRiskAssessmentDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    return this.service.execute(user, loaded, 'close', body, info);
  }
}
