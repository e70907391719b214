import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ClassificationsService } from '../classifications/classifications.service';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { CaseAccess, CaseAccessGuard, LoadedCaseParam } from './case-access.guard';
import type { LoadedCase } from './case-access.service';
import { CASE_ID_PARAM } from './cases.controller';
import { CasesService } from './cases.service';
import {
  AcknowledgeDto,
  AddActionDto,
  AssignDto,
  ClassifyDto,
  CloseDto,
  CompleteActionDto,
  DecideDto,
  FollowUpDto,
  RecordInvestigationDto,
  ReopenDto,
  ProtectedIdentityChangeDto,
  ReportToIvoDto,
  AssessBreachDto,
  ReportToImyDto,
  RespondDto,
  StartInvestigationDto,
} from './dto/case-command.dto';
import { CaseDto } from './dto/case.dto';

/**
 * `POST /cases/{id}/{command}` for every command of api.md. Each route names its command for the
 * CaseAccessGuard (403/404 before the body is looked at) and its own body DTO (400), then hands
 * over to CasesService; the decider's refusals become 409/400 in the problem filter.
 */
@ApiTags('ärenden')
@ApiBearerAuth()
@Controller('cases/:id')
@UseGuards(CaseAccessGuard)
export class CaseCommandsController {
  constructor(
    private readonly cases: CasesService,
    private readonly classifications: ClassificationsService,
  ) {}

  @Post('acknowledge')
  @HttpCode(200)
  @CaseAccess('acknowledge')
  @ApiOperation({ summary: 'Ge återkoppling/mottagningsbekräftelse', operationId: 'case_acknowledge' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  acknowledge(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: AcknowledgeDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'acknowledge', body, info);
  }

  @Post('assign')
  @HttpCode(200)
  @CaseAccess('assign')
  @ApiOperation({ summary: 'Utse utredare eller handläggare', operationId: 'case_assign' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  assign(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: AssignDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'assign', body, info);
  }

  @Post('classify')
  @HttpCode(200)
  @CaseAccess('classify')
  @ApiOperation({
    summary: 'Klassificera eller omklassificera (med motivering)',
    description:
      'Kategori och lagrum är koder från GET /api/v1/classifications (annat: 400). Att ändra typen på ett lex Sarah-ärende är för SAS, på ett lex Maria-ärende eller en HSL-avvikelse för MAS; att flytta ärendet till en annan enhet för SAS, MAS och kvalitetssamordnaren (annars 403). Att omklassificera till lex Sarah eller lex Maria får enhetens chefer.',
    operationId: 'case_classify',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  async classify(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: ClassifyDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    await this.classifications.checkClassify(user, loaded.facts, body);
    return this.cases.execute(user, loaded, 'classify', body, info);
  }

  @Post('start-investigation')
  @HttpCode(200)
  @CaseAccess('start-investigation')
  @ApiOperation({ summary: 'Starta utredningen', operationId: 'case_startInvestigation' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  startInvestigation(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: StartInvestigationDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'start-investigation', body, info);
  }

  @Post('record-investigation')
  @HttpCode(200)
  @CaseAccess('record-investigation')
  @ApiOperation({ summary: 'Registrera utredningens resultat', operationId: 'case_recordInvestigation' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  recordInvestigation(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: RecordInvestigationDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'record-investigation', body, info);
  }

  @Post('decide')
  @HttpCode(200)
  @CaseAccess('decide')
  @ApiOperation({ summary: 'Fatta beslut (bedömning) i ärendet', operationId: 'case_decide' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  decide(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: DecideDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'decide', body, info);
  }

  @Post('report-to-ivo')
  @HttpCode(200)
  @CaseAccess('report-to-ivo')
  @ApiOperation({ summary: 'Registrera anmälan till IVO', operationId: 'case_reportToIvo' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  reportToIvo(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: ReportToIvoDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'report-to-ivo', body, info);
  }

  @Post('assess-breach')
  @HttpCode(200)
  @CaseAccess('assess-breach')
  @ApiOperation({
    summary: 'Bedöm en personuppgiftsincident (ska den anmälas till IMY?)',
    operationId: 'case_assessBreach',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  assessBreach(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: AssessBreachDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'assess-breach', body, info);
  }

  @Post('report-to-imy')
  @HttpCode(200)
  @CaseAccess('report-to-imy')
  @ApiOperation({ summary: 'Registrera anmälan till IMY', operationId: 'case_reportToImy' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  reportToImy(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: ReportToImyDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'report-to-imy', body, info);
  }

  @Post('respond')
  @HttpCode(200)
  @CaseAccess('respond')
  @ApiOperation({
    summary: 'Besvara den som klagat, lämnat synpunkt eller granskat (LC-4 steg 7, DL-13)',
    operationId: 'case_respond',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  respond(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: RespondDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'respond', body, info);
  }

  @Post('add-action')
  @HttpCode(200)
  @CaseAccess('add-action')
  @ApiOperation({ summary: 'Lägg till en åtgärd', operationId: 'case_addAction' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  addAction(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: AddActionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'add-action', body, info);
  }

  @Post('complete-action')
  @HttpCode(200)
  @CaseAccess('complete-action')
  @ApiOperation({ summary: 'Markera en åtgärd som genomförd', operationId: 'case_completeAction' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  completeAction(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: CompleteActionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'complete-action', body, info);
  }

  @Post('follow-up')
  @HttpCode(200)
  @CaseAccess('follow-up')
  @ApiOperation({ summary: 'Följ upp åtgärderna', operationId: 'case_followUp' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  followUp(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: FollowUpDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'follow-up', body, info);
  }

  @Post('close')
  @HttpCode(200)
  @CaseAccess('close')
  @ApiOperation({ summary: 'Avsluta ärendet', operationId: 'case_close' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  close(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: CloseDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'close', body, info);
  }

  @Post('reopen')
  @HttpCode(200)
  @CaseAccess('reopen')
  @ApiOperation({ summary: 'Öppna ett avslutat ärende igen', operationId: 'case_reopen' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  reopen(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: ReopenDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'reopen', body, info);
  }

  @Post('mark-protected-identity')
  @HttpCode(200)
  @CaseAccess('mark-protected-identity')
  @ApiOperation({
    summary: 'Markera att ärendet gäller en person med skyddade personuppgifter (även avslutat ärende)',
    operationId: 'case_markProtectedIdentity',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  markProtectedIdentity(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: ProtectedIdentityChangeDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'mark-protected-identity', body, info);
  }

  @Post('unmark-protected-identity')
  @HttpCode(200)
  @CaseAccess('unmark-protected-identity')
  @ApiOperation({
    summary: 'Ta bort markeringen om skyddade personuppgifter',
    operationId: 'case_unmarkProtectedIdentity',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  unmarkProtectedIdentity(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: ProtectedIdentityChangeDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'unmark-protected-identity', body, info);
  }
}
