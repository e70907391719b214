import { Controller, Get, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { organisationNameFromEnv, renderReportPdf } from '@kvalitet/reporting';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { ORGANISATION } from '../org/organisation.instance';
import { CaseAccess, CaseAccessGuard, LoadedCaseParam } from './case-access.guard';
import type { LoadedCase } from './case-access.service';
import { caseSummaryDocument } from './case-summary-document';
import { CASE_ID_PARAM } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseReadQueryDto } from './dto/case-read.dto';

@ApiTags('ärenden')
@ApiBearerAuth()
@Controller('cases')
@UseGuards(CaseAccessGuard)
export class CaseSummaryController {
  constructor(private readonly cases: CasesService) {}

  @Get(':id/summary.pdf')
  @CaseAccess('read')
  @ApiOperation({
    summary: 'Sammanfattning av ärendet som PDF för utskrift (läsningen loggas som en läsning av ärendet)',
    description:
      'Samma uppgifter som ärendesidan visar för den som läser: typ, status, steg, frister, åtgärder och uppgifter. Svaret är en nedladdning med Cache-Control: no-store.',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 401, 403, 404)
  async summary(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Query() query: CaseReadQueryDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const view = await this.cases.detail(user, loaded, info, query.reason);
    const pdf = await renderReportPdf(
      caseSummaryDocument(view, {
        organisation: organisationNameFromEnv(),
        unitName: (id) => ORGANISATION.get(id)?.name ?? 'Okänd enhet',
        generatedAt: new Date(),
      }),
    );
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="sammanfattning-${view.caseNumber}.pdf"`,
      length: pdf.length,
    });
  }
}
