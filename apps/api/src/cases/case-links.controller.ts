import { Body, Controller, HttpCode, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
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
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER_DOC } from '../idempotency/idempotency.interceptor';
import { IdempotentId, RecoverableCreate } from '../idempotency/idempotent-create.decorator';
import { CaseAccess, CaseAccessGuard, LoadedCaseParam } from './case-access.guard';
import type { LoadedCase } from './case-access.service';
import { CaseLinksService } from './case-links.service';
import { CASE_ID_PARAM } from './cases.controller';
import { EscalateDto, LinkDto } from './dto/case-command.dto';
import { CaseDto } from './dto/case.dto';

/** `POST /cases/{id}/link` and `/escalate`: the case commands that write a second case too. */
@ApiTags('ärenden')
@ApiBearerAuth()
@Controller('cases/:id')
@UseGuards(CaseAccessGuard)
export class CaseLinksController {
  constructor(private readonly links: CaseLinksService) {}

  @Post('link')
  @HttpCode(200)
  @CaseAccess('link')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({
    summary: 'Länka ärendet till ett annat ärende (båda visar länken; samma länk igen ändrar inget)',
    operationId: 'case_link',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  link(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: LinkDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.links.link(user, loaded, body, info);
  }

  @Post('escalate')
  @HttpCode(201)
  @CaseAccess('escalate')
  @UseInterceptors(IdempotencyInterceptor)
  @RecoverableCreate()
  @ApiOperation({
    summary:
      'Eskalera en avvikelse till lex Sarah (kvalitetsavvikelse) eller lex Maria (HSL-avvikelse): ett nytt, länkat ärende',
    operationId: 'case_escalate',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: CaseDto,
    description: 'Det nya ärendet; Location pekar på det. Avvikelsen visar länken led_to.',
    headers: { Location: { description: 'Det nya ärendets adress', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async escalate(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: EscalateDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() newCaseId: string | undefined,
  ): Promise<CaseDto> {
    const view = await this.links.escalate(user, loaded, body, info, newCaseId);
    response.setHeader('Location', `/api/v1/cases/${view.id}`);
    return view;
  }
}
