import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  APPROVABLE_REPORT_NAMES,
  analysisPrompts,
  approvedDocument,
  draftContent,
  narrativeProblems,
  parseApprovableReport,
  renderReportHtml,
  writtenNarratives,
  type ApprovableReport,
  type ReportDocument,
} from '@kvalitet/domain';
import { EventStore, VersionConflictError } from '@kvalitet/persistence';
import {
  ReportService,
  contentHash,
  renderReportPdf,
  reportAggregateId,
  reportVersions,
  type ComposedReport,
  type ReportVersionSummary,
} from '@kvalitet/reporting';
import {
  canApproveReport,
  canReadKvalitetsberattelse,
  canReadPatientsakerhetsberattelse,
  canReadReportKind,
  canReadReports,
} from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ApiProblem } from '../common/problem/api-problem';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { negotiateFormat } from './report-response';
import {
  ApproveReportDto,
  PresentReportDto,
  ReportDraftDto,
  ReportVersionSummaryDto,
} from './report-approval.dto';
import { reportScopeFor, type ReportScope } from './report-scope';
import { BoardQueryDto } from './reports.dto';

const readsAnyReport = (p: Principal) =>
  canReadReports(p) || canReadPatientsakerhetsberattelse(p) || canReadKvalitetsberattelse(p);

const KIND_PARAM = {
  name: 'kind',
  description: 'Vilken rapport',
  schema: { type: 'string', enum: APPROVABLE_REPORT_NAMES },
} as const;
const PERIOD_PARAM = {
  name: 'period',
  description: 'År (2026), för tertialrapporten år och tertial (2026-T3)',
  schema: { type: 'string', pattern: '^\\d{4}(-T[123])?$' },
} as const;
const VERSION_PARAM = { name: 'version', schema: { type: 'integer', minimum: 1 } } as const;

/**
 * Approval of reports (REP-1, DATA-6, DL-22, DL-23, ADR 0038): the owner approves the draft with the
 * texts people wrote, which freezes it as the next version (data, HTML and PDF as approved, who and
 * when); later changes make the draft differ, and a new approval makes the next version. The
 * approval is a `ReportApproved` event in the same transaction, so the scheduled run's reminders
 * stop through the outbox (no lost signal).
 */
@ApiTags('rapporter')
@ApiBearerAuth()
@Controller('reports')
export class ReportApprovalController {
  constructor(
    private readonly reports: ReportService,
    private readonly events: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  private resolve(user: Principal, kind: string, period: string): ApprovableReport {
    const report = parseApprovableReport(kind, period);
    if ('code' in report) throw ApiProblem.validation([report]);
    if (!canReadReportKind(user, report.kind))
      throw ApiProblem.forbidden('Din roll får inte läsa den här rapporten.');
    return report;
  }

  private compose(scope: ReportScope, report: ApprovableReport, now: Date): Promise<ComposedReport<unknown>> {
    switch (report.name) {
      case 'patientsakerhetsberattelse':
      case 'kvalitetsberattelse':
        return scope.service.berattelse(report.name, report.year, now);
      case 'tertial':
        return scope.service.tertial(report.year, report.tertial!, now);
      case 'annual':
        return scope.service.annual(report.year, now);
    }
  }

  private async version(key: string, raw: string) {
    if (!/^[1-9]\d{0,5}$/.test(raw))
      throw ApiProblem.validation([
        { field: 'version', code: 'INVALID_FORMAT', message: 'Versionen ska vara ett heltal från 1.' },
      ]);
    const found = await reportVersions.get(this.dataSource, key, Number(raw));
    if (!found) throw ApiProblem.notFound('Den versionen av rapporten finns inte.');
    return found;
  }

  @Get(':kind/:period/draft')
  @Authorize(readsAnyReport)
  @ApiOperation({
    summary:
      'Utkastet att godkänna: var en person ska skriva, senaste godkända version och om underlaget ändrats sedan dess (REP-1)',
  })
  @ApiParam(KIND_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ type: ReportDraftDto })
  @ApiProblems(400, 401, 403)
  async draft(
    @CurrentUser() user: Principal,
    @Param('kind') kind: string,
    @Param('period') period: string,
    @Query() query: BoardQueryDto,
  ): Promise<ReportDraftDto> {
    const report = this.resolve(user, kind, period);
    const scope = reportScopeFor(this.reports, user, query.boardId);
    const key = report.periodKey + scope.keySuffix;
    const composed = await this.compose(scope, report, new Date());
    const latest = await reportVersions.latest(this.dataSource, key);
    const latestVersion = latest ? await reportVersions.get(this.dataSource, key, latest.version) : null;
    return {
      report: report.name,
      period: report.period,
      label: report.label,
      key,
      scope: scope.scope,
      prompts: analysisPrompts(composed.document),
      latestVersion: latest?.version ?? null,
      changedSinceLatest: latestVersion
        ? contentHash(draftContent(composed, latestVersion.narratives)) !== latestVersion.contentHash
        : null,
      canApprove: canApproveReport(user, report.kind),
      latestNarratives: { ...(latestVersion?.narratives ?? {}) },
    };
  }

  @Post(':kind/:period/approve')
  @HttpCode(201)
  @Authorize(readsAnyReport)
  @ApiOperation({
    summary:
      'Godkänn utkastet med de skrivna texterna: det fryses som nästa version med vem och när (REP-1, DATA-6); ett oförändrat utkast ger 409',
  })
  @ApiParam(KIND_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiCreatedResponse({ type: ReportVersionSummaryDto })
  @ApiProblems(400, 401, 403, 409, 413, 415)
  async approve(
    @CurrentUser() user: Principal,
    @Param('kind') kind: string,
    @Param('period') period: string,
    @Query() query: BoardQueryDto,
    @Body() body: ApproveReportDto,
  ): Promise<ReportVersionSummary> {
    const report = this.resolve(user, kind, period);
    if (!canApproveReport(user, report.kind))
      throw ApiProblem.forbidden('Din roll får inte godkänna den här rapporten.');
    const scope = reportScopeFor(this.reports, user, query.boardId);
    const key = report.periodKey + scope.keySuffix;
    const now = new Date();
    const composed = await this.compose(scope, report, now);
    const narratives = body.narratives ?? {};
    const problems = narrativeProblems(composed.document, narratives);
    if (problems.length > 0) throw ApiProblem.validation(problems);
    const written = writtenNarratives(composed.document, narratives);
    const hash = contentHash(draftContent(composed, written));
    const latest = await reportVersions.latest(this.dataSource, key);
    if (latest?.contentHash === hash)
      throw new ApiProblem(
        'ALREADY_EXISTS',
        `Utkastet är oförändrat sedan version ${latest.version} godkändes; det finns inget nytt att godkänna.`,
      );
    const version = (latest?.version ?? 0) + 1;
    const document: ReportDocument = approvedDocument(composed.document, written, {
      version,
      approvedByName: user.name,
      approvedAt: now.toISOString(),
    });
    const [html, pdf] = [renderReportHtml(document), await renderReportPdf(document)];
    const scheduled: { workflow_id: string | null }[] = await this.dataSource.query(
      `SELECT workflow_id FROM generated_reports WHERE report_key = $1`,
      [report.periodKey],
    );
    try {
      return await this.events.transaction(async (manager) => {
        const frozen = await reportVersions.freeze(
          manager,
          {
            key,
            kind: report.kind,
            scope: scope.scope,
            label: report.label,
            from: composed.document.from,
            to: composed.document.to,
            data: composed.data,
            document,
            narratives: written,
            html,
            pdf,
            contentHash: hash,
            approvedBy: user.username,
            approvedByName: user.name,
            approvedAt: now.toISOString(),
          },
          version,
        );
        if (!frozen) throw new VersionConflictError(key, version);
        const aggregateId = reportAggregateId(report.periodKey);
        const history = await this.events.load(aggregateId, manager);
        await this.events.append(
          {
            aggregateType: 'report',
            aggregateId,
            expectedVersion: history.length,
            events: [
              {
                type: 'ReportApproved',
                data: {
                  reportKey: report.periodKey,
                  versionKey: key,
                  kind: report.kind,
                  scope: scope.scope,
                  version,
                  approvedBy: user.username,
                  approvedAt: now.toISOString(),
                  workflowId: scheduled[0]?.workflow_id ?? null,
                },
                occurredAt: now,
              },
            ],
            metadata: { actor: user.username, correlationId: randomUUID() },
          },
          manager,
        );
        return frozen;
      });
    } catch (error) {
      if (error instanceof VersionConflictError)
        throw new ApiProblem(
          'VERSION_CONFLICT',
          'Rapporten godkändes samtidigt av någon annan; läs om utkastet och försök igen.',
        );
      throw error;
    }
  }

  @Get(':kind/:period/versions')
  @Authorize(readsAnyReport)
  @ApiOperation({ summary: 'Godkända versioner, nyast först, med vem och när (REP-1)' })
  @ApiParam(KIND_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ type: [ReportVersionSummaryDto] })
  @ApiProblems(400, 401, 403)
  async versions(
    @CurrentUser() user: Principal,
    @Param('kind') kind: string,
    @Param('period') period: string,
    @Query() query: BoardQueryDto,
  ): Promise<ReportVersionSummary[]> {
    const report = this.resolve(user, kind, period);
    const scope = reportScopeFor(this.reports, user, query.boardId);
    return reportVersions.list(this.dataSource, report.periodKey + scope.keySuffix);
  }

  @Get(':kind/:period/versions/:version')
  @Authorize(readsAnyReport)
  @ApiOperation({ summary: 'En godkänd version som den godkändes: JSON, HTML eller PDF efter Accept' })
  @ApiParam(KIND_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiParam(VERSION_PARAM)
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({
    content: {
      'application/json': { schema: { type: 'object' } },
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 401, 403, 404)
  async versionOf(
    @CurrentUser() user: Principal,
    @Param('kind') kind: string,
    @Param('period') period: string,
    @Param('version') rawVersion: string,
    @Query() query: BoardQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const report = this.resolve(user, kind, period);
    const scope = reportScopeFor(this.reports, user, query.boardId);
    const found = await this.version(report.periodKey + scope.keySuffix, rawVersion);
    response.setHeader('Vary', 'Accept');
    const format = negotiateFormat(request);
    const filename = `${report.name}-${report.period}-version-${found.version}`;
    if (format === 'pdf')
      return new StreamableFile(found.pdf, {
        type: 'application/pdf',
        disposition: `inline; filename="${filename}.pdf"`,
        length: found.pdf.length,
      });
    if (format === 'html') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      return found.html;
    }
    const { pdf: _pdf, html: _html, contentHash: _hash, ...json } = found;
    return json;
  }

  @Post(':kind/:period/versions/:version/present')
  @HttpCode(201)
  @Authorize(readsAnyReport)
  @ApiOperation({
    summary: 'Anteckna att versionen lagts fram vid ett möte, med protokollets hänvisning (REP-1)',
  })
  @ApiParam(KIND_PARAM)
  @ApiParam(PERIOD_PARAM)
  @ApiParam(VERSION_PARAM)
  @ApiCreatedResponse({ type: ReportVersionSummaryDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  async present(
    @CurrentUser() user: Principal,
    @Param('kind') kind: string,
    @Param('period') period: string,
    @Param('version') rawVersion: string,
    @Query() query: BoardQueryDto,
    @Body() body: PresentReportDto,
  ): Promise<ReportVersionSummary> {
    const report = this.resolve(user, kind, period);
    if (!canApproveReport(user, report.kind))
      throw ApiProblem.forbidden('Din roll får inte anteckna den här rapporten.');
    const scope = reportScopeFor(this.reports, user, query.boardId);
    const key = report.periodKey + scope.keySuffix;
    const found = await this.version(key, rawVersion);
    const recorded = await reportVersions.present(this.dataSource, key, found.version, {
      meeting: body.meeting.trim(),
      reference: body.reference.trim(),
      presentedBy: user.username,
    });
    if (!recorded)
      throw new ApiProblem('ALREADY_EXISTS', 'Versionen är redan antecknad som framlagd vid det mötet.');
    return (await reportVersions.summary(this.dataSource, key, found.version))!;
  }
}
