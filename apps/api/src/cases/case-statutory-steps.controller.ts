import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { CaseAccess, CaseAccessGuard, LoadedCaseParam } from './case-access.guard';
import type { LoadedCase } from './case-access.service';
import { CASE_ID_PARAM } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseDto } from './dto/case.dto';
import {
  ConfirmJournalNoteDto,
  InformBoardDto,
  InformPatientDto,
  RecordIvoDecisionDto,
} from './dto/statutory-step.dto';

/**
 * The statutory steps of lex Maria and lex Sarah after the report (api.md v1.1; LC-7, LC-8 steps 3,
 * 4 and 6, DL-6, DL-9): `POST /cases/{id}/{command}` like the other commands.
 */
@ApiTags('ärenden')
@ApiBearerAuth()
@Controller('cases/:id')
@UseGuards(CaseAccessGuard)
export class CaseStatutoryStepsController {
  constructor(private readonly cases: CasesService) {}

  @Post('inform-patient')
  @HttpCode(200)
  @CaseAccess('inform-patient')
  @ApiOperation({
    summary: 'Registrera att patient eller närstående informerats (eller varför det inte gick)',
    operationId: 'case_informPatient',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  informPatient(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: InformPatientDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'inform-patient', body, info);
  }

  @Post('confirm-journal-note')
  @HttpCode(200)
  @CaseAccess('confirm-journal-note')
  @ApiOperation({
    summary: 'Bekräfta att vårdskadan antecknats i patientjournalen',
    operationId: 'case_confirmJournalNote',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  confirmJournalNote(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: ConfirmJournalNoteDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'confirm-journal-note', body, info);
  }

  @Post('inform-board')
  @HttpCode(200)
  @CaseAccess('inform-board')
  @ApiOperation({
    summary: 'Registrera att nämnden informerats om anmälan till IVO',
    operationId: 'case_informBoard',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  informBoard(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: InformBoardDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'inform-board', body, info);
  }

  @Post('record-ivo-decision')
  @HttpCode(200)
  @CaseAccess('record-ivo-decision')
  @ApiOperation({
    summary: 'Registrera IVO:s beslut (och öppna ärendet igen om det behövs)',
    operationId: 'case_recordIvoDecision',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  recordIvoDecision(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: RecordIvoDecisionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.execute(user, loaded, 'record-ivo-decision', body, info);
  }
}
