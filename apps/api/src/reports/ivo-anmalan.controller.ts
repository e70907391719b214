import { Controller, Get, Query, Req, Res, UseGuards, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { composeIvoAnmalan, ivoAnmalanDocument } from '@kvalitet/domain';
import { organisationNameFromEnv } from '@kvalitet/reporting';
import type { Principal } from '../access/principal';
import { textDisclosure } from '../access/protected-identity-policy';
import { CaseReadQueryDto } from '../cases/dto/case-read.dto';
import { AccessLogService } from '../audit/access-log.service';
import { CurrentUser } from '../auth/auth.decorators';
import { CaseAccess, CaseAccessGuard, LoadedCaseParam } from '../cases/case-access.guard';
import type { LoadedCase } from '../cases/case-access.service';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { ORGANISATION } from '../org/organisation.instance';
import { REPORT_CONTENT, sendReport } from './report-response';

const IVO_SCHEMA = {
  type: 'object',
  required: [
    'caseId',
    'caseNumber',
    'kind',
    'legalBasis',
    'provider',
    'unit',
    'decision',
    'ivo',
    'toCompleteByHand',
  ],
  properties: {
    caseId: { type: 'string', format: 'uuid' },
    caseNumber: { type: 'string' },
    kind: { type: 'string', enum: ['lex_sarah', 'lex_maria'] },
    legalBasis: { type: 'string' },
    provider: { type: 'string' },
    unit: { type: 'object' },
    decision: { type: 'object' },
    ivo: { type: 'object' },
    toCompleteByHand: { type: 'array', items: { type: 'string' } },
  },
};

@ApiTags('ärenden')
@ApiBearerAuth()
@Controller('cases')
@UseGuards(CaseAccessGuard)
export class IvoAnmalanController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get(':id/ivo-anmalan')
  @CaseAccess('report-to-ivo')
  @ApiOperation({
    summary: 'Förifyllt underlag för anmälan till IVO (allvarlig lex Sarah / lex Maria); läsningen loggas',
    description:
      'Sekretessbelagt ärendematerial med personuppgifter (OSL 26 kap. 1 § / 25 kap. 1 §): svaret är en nedladdning (Content-Disposition: attachment) med Cache-Control: no-store, och berörd persons personnummer visas maskerat.',
  })
  @ApiParam({ name: 'id', description: 'Ärendets id', schema: { type: 'string', format: 'uuid' } })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({
    content: REPORT_CONTENT(IVO_SCHEMA),
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="ivo-anmalan-<ärendenummer>.<pdf|html|json>"',
        schema: { type: 'string' },
      },
      'Cache-Control': { description: 'no-store', schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 401, 403, 404, 409)
  async ivoAnmalan(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @ReqInfo() info: RequestInfo,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query() query: CaseReadQueryDto,
  ): Promise<unknown | string | StreamableFile> {
    // The underlag is the case's free text: protected identity needs a reader who may and a reason (ADR 0029).
    const disclosure = textDisclosure(
      user,
      loaded.facts,
      loaded.state.protectedIdentity === true,
      query.reason,
    );
    if (disclosure.kind === 'withheld')
      throw ApiProblem.forbidden(
        'Ärendet gäller en person med skyddade personuppgifter; underlaget får bara tas fram av den som utreder ärendet, SAS eller MAS och enhetens chef.',
      );
    if (disclosure.kind === 'reason_required')
      throw ApiProblem.validation([
        {
          field: 'reason',
          code: 'REQUIRED',
          message:
            'Ärendet gäller en person med skyddade personuppgifter: ange skäl (reason) för att ta fram underlaget.',
        },
      ]);
    const anmalan = composeIvoAnmalan(loaded.events, {
      provider: organisationNameFromEnv(),
      unitName: (id) => ORGANISATION.get(id)?.name ?? id,
    });
    if (anmalan === 'not_lex_case')
      throw new ApiProblem('INVALID_TRANSITION', 'Anmälan till IVO gäller bara lex Sarah och lex Maria.');
    if (anmalan === 'no_serious_decision')
      throw new ApiProblem(
        'INVALID_TRANSITION',
        'Ärendet har inget beslut om allvarligt missförhållande eller allvarlig vårdskada; ingen anmälan till IVO krävs ännu.',
      );
    await this.accessLog.record(
      user,
      loaded.state.id,
      'read_case',
      'GET /api/v1/cases/:id/ivo-anmalan',
      info.requestId,
      query.reason,
    );
    return sendReport(
      request,
      response,
      { data: anmalan, document: ivoAnmalanDocument(anmalan, new Date()) },
      `ivo-anmalan-${anmalan.caseNumber}`,
      'attachment',
    );
  }
}
