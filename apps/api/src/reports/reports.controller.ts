import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import type { Request, Response } from 'express';
import {
  STATISTICS_DIMENSIONS,
  formatIsoWeek,
  isoWeekOf,
  isoWeekRange,
  parseIsoWeek,
  yearRange,
  type StatisticsDimension,
} from '@kvalitet/domain';
import { ReportService, reportArchive, type ArchivedReport } from '@kvalitet/reporting';
import {
  canReadCrossBoardAggregates,
  canReadKvalitetsberattelse,
  canReadPatientsakerhetsberattelse,
  canReadReportKind,
  canReadReports,
} from '../access/access-policy';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { Authorize } from '../auth/auth.decorators';
import { ApiProblem } from '../common/problem/api-problem';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { rangeEndExclusive, rangeStart } from '../common/time/stockholm-range';
import { ORGANISATION } from '../org/organisation.instance';
import { crossBoardCounts } from './cross-board';
import { reportScopeFor } from './report-scope';
import { REPORT_CONTENT, negotiateFormat, sendReport } from './report-response';
import {
  BoardQueryDto,
  CrossBoardQueryDto,
  CrossBoardReportDto,
  GeneratedReportDto,
  GeneratedReportsQueryDto,
  QuarterQueryDto,
  StatisticsQueryDto,
  TertialQueryDto,
  WeeklyDigestQueryDto,
  YearQueryDto,
} from './reports.dto';

const MAX_STATISTICS_RANGE_MS = 5 * 366 * 86_400_000;

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } };
const TOTALS = {
  type: 'object',
  required: ['reported', 'closed', 'open', 'overdue'],
  properties: {
    reported: { type: 'integer' },
    closed: { type: 'integer' },
    open: { type: 'integer' },
    overdue: { type: 'integer' },
  },
};
const WEEKLY_DIGEST_SCHEMA = {
  type: 'object',
  required: ['week', 'from', 'to', 'totals', 'byType', 'byUnit', 'lines'],
  properties: {
    week: { type: 'string', example: '2026-W48' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    asOf: { type: 'string', format: 'date-time' },
    totals: TOTALS,
    byType: COUNTS,
    byUnit: COUNTS,
    complaintsByCategory: COUNTS,
    lexSarahMaria: { type: 'object' },
    overdueActions: { type: 'integer' },
    escalations: { type: 'integer' },
    previousWeek: { type: 'object', properties: { week: { type: 'string' }, totals: TOTALS } },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['caseNumber', 'type', 'unitId', 'stage', 'reportedAt', 'overdue'],
        properties: {
          caseNumber: { type: 'string' },
          type: { type: 'string' },
          unitId: { type: 'string' },
          category: { type: 'string', nullable: true },
          stage: { type: 'string' },
          reportedAt: { type: 'string', format: 'date-time' },
          overdue: { type: 'boolean' },
        },
      },
    },
    linesTotal: {
      type: 'integer',
      description: 'Antal ärenderader i veckan (med ?lines=; försenade och nyaste skickas först)',
    },
  },
};
const SUPPRESSION_SCHEMA = {
  type: 'object',
  description:
    'REP-15: i material till nämnden visas antal 1–2 per enhet och ärendetyp som null ("<3" i HTML/PDF), ibland ytterligare en cell så att den inte kan räknas fram ur summan.',
  required: ['applied', 'threshold', 'cells'],
  properties: {
    applied: { type: 'boolean' },
    threshold: { type: 'integer', example: 3 },
    cells: { type: 'integer', description: 'Antal dolda celler' },
  },
};
const GROUPS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    description: 'Antal är heltal, eller null där de döljs (REP-15)',
    properties: { key: { type: 'object' }, measures: { type: 'object' } },
  },
};
const PERIOD_SCHEMA = {
  type: 'object',
  required: ['from', 'to', 'totals'],
  properties: {
    kind: { type: 'string' },
    label: { type: 'string' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    totals: { type: 'object' },
    byUnit: GROUPS_SCHEMA,
    byType: GROUPS_SCHEMA,
    reportingRate: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          reported: { type: 'integer', nullable: true },
          perMonth: { type: 'number', nullable: true },
        },
      },
    },
    suppression: SUPPRESSION_SCHEMA,
  },
};
const BERATTELSE_SCHEMA = {
  type: 'object',
  required: ['year', 'statistics', 'byCategory', 'period'],
  properties: {
    year: { type: 'integer' },
    statistics: { type: 'object' },
    byCategory: { type: 'object' },
    period: { type: 'object' },
    registers: {
      type: 'object',
      description:
        'Ur registren (ADR 0037): egenkontroller med resultat eller utan (saknas), riskanalyser, ändringar i processer och rutiner, externa granskningar, beslut i lex Sarah/lex Maria och från IVO, ej verkställda beslut (antal, 1–2 som null), internkontroll och förbättringsåtgärder.',
    },
  },
};

/**
 * Reports per api.md: JSON by default, the same as an HTML page or a PDF by `Accept`. Aggregates
 * and de-identified case lines only (REP-15); who may read which is decided in access-policy.ts.
 */
@ApiTags('rapporter')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /**
   * The reports over the cases of one board the caller serves, or of all of them (DATA-3, ADR 0030):
   * an unknown board is 400, a board the caller does not serve 403.
   */
  private reportsFor(user: Principal, query: BoardQueryDto): ReportService {
    return reportScopeFor(this.reports, user, query.boardId).service;
  }

  /**
   * The archived copy a caller reads (ADR 0030): the whole installation's for one who serves every
   * board, otherwise the copy of their board (`boardId` chooses among several).
   */
  private archivedCopyFor(user: Principal, key: string, boardId: string | undefined): string {
    if (ORGANISATION.boards.length < 2) return key;
    const serves = ORGANISATION.boardsOf(user);
    if (boardId !== undefined) {
      if (!ORGANISATION.board(boardId))
        throw ApiProblem.validation([
          {
            field: 'boardId',
            code: 'UNKNOWN_BOARD',
            message: `Nämnden ${boardId} finns inte i organisationen.`,
          },
        ]);
      if (!serves.includes(boardId))
        throw ApiProblem.forbidden('Du kan bara läsa rapporter om de nämnder du tjänar.');
      return `${key}@${boardId}`;
    }
    if (serves.length === ORGANISATION.boards.length) return key;
    if (serves.length === 1) return `${key}@${serves[0]}`;
    throw ApiProblem.validation([
      {
        field: 'boardId',
        code: 'REQUIRED',
        message: `Ange vilken nämnds rapport du vill läsa (${serves.join(', ')}).`,
      },
    ]);
  }

  @Get('cross-board')
  @Authorize(canReadCrossBoardAggregates)
  @ApiOperation({
    summary:
      'Samverkan (AUD-20): antal anmälda ärenden per nämnd och ärendetyp under ett år — inga ärenderader, små antal dolda',
  })
  @ApiOkResponse({ type: CrossBoardReportDto })
  @ApiProblems(400, 401, 403)
  async crossBoard(@Query() query: CrossBoardQueryDto): Promise<CrossBoardReportDto> {
    const { from, to } = yearRange(query.year);
    return crossBoardCounts(this.dataSource, ORGANISATION, { year: query.year, from, to });
  }

  @Get('generated')
  @Authorize(
    (p) => canReadReports(p) || canReadPatientsakerhetsberattelse(p) || canReadKvalitetsberattelse(p),
  )
  @ApiOperation({ summary: 'Schemalagda rapporter som tagits fram (leverans i appen), nyast först' })
  @ApiOkResponse({ type: [GeneratedReportDto] })
  @ApiProblems(400, 401, 403)
  async generated(
    @CurrentUser() user: Principal,
    @Query() query: GeneratedReportsQueryDto,
  ): Promise<ArchivedReport[]> {
    // One entry per period; its board copies (`<key>@<board>`, ADR 0030) are read through it.
    return (await reportArchive.list(this.dataSource, query.kind)).filter(
      (r) => !r.key.includes('@') && canReadReportKind(user, r.kind),
    );
  }

  @Get('generated/:key')
  @Authorize(
    (p) => canReadReports(p) || canReadPatientsakerhetsberattelse(p) || canReadKvalitetsberattelse(p),
  )
  @ApiOperation({ summary: 'En framtagen rapport: JSON, HTML eller PDF efter Accept' })
  @ApiParam({
    name: 'key',
    description: 'Rapportens periodnyckel, t.ex. weekly_digest:2026-W48',
    schema: { type: 'string', pattern: '^[a-z_]+:[0-9A-Za-z-]+$' },
  })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ content: REPORT_CONTENT({ type: 'object' }) })
  @ApiProblems(400, 401, 403, 404)
  async generatedReport(
    @CurrentUser() user: Principal,
    @Param('key') key: string,
    @Query() query: BoardQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    if (!/^[a-z_]{3,40}:[0-9A-Za-z-]{1,20}$/.test(key)) {
      throw ApiProblem.validation([
        {
          field: 'key',
          code: 'INVALID_FORMAT',
          message: 'Rapportnyckeln ska se ut som weekly_digest:2026-W48.',
        },
      ]);
    }
    const rows: { kind: string; data: unknown; html: string; pdf: Buffer }[] = await this.dataSource.query(
      `SELECT kind, data, html, pdf FROM generated_reports WHERE report_key = $1`,
      [this.archivedCopyFor(user, key, query.boardId)],
    );
    const row = rows[0];
    if (!row) throw ApiProblem.notFound('Rapporten finns inte (ännu).');
    if (!canReadReportKind(user, row.kind))
      throw ApiProblem.forbidden('Din roll får inte läsa den här rapporten.');
    response.setHeader('Vary', 'Accept');
    const format = negotiateFormat(request);
    if (format === 'pdf')
      return new StreamableFile(row.pdf, {
        type: 'application/pdf',
        disposition: `inline; filename="${key.replace(/:/g, '-')}.pdf"`,
        length: row.pdf.length,
      });
    if (format === 'html') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      return row.html;
    }
    return row.data;
  }

  @Get('weekly-digest')
  @Authorize(canReadReports)
  @ApiOperation({ summary: 'Veckosammanställning till ledningsgruppen (REP-2)' })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ content: REPORT_CONTENT(WEEKLY_DIGEST_SCHEMA) })
  @ApiProblems(400, 401, 403)
  async weeklyDigest(
    @CurrentUser() user: Principal,
    @Query() query: WeeklyDigestQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown | string | StreamableFile> {
    const now = new Date();
    const week =
      query.week ?? formatIsoWeek(isoWeekOf(new Date(isoWeekRange(isoWeekOf(now)).from.getTime() - 1)));
    if (!parseIsoWeek(week)) {
      throw ApiProblem.validation([
        {
          field: 'week',
          code: 'INVALID_FORMAT',
          message: `Veckan ${week} finns inte. Ange vecka som ÅÅÅÅ-Www, till exempel 2026-W48.`,
        },
      ]);
    }
    // A phone shows the week's figures first and asks for case lines a page at a time (issue 21): the
    // database orders and limits them, and no document is composed for a JSON answer.
    if (query.lines !== undefined && negotiateFormat(request) === 'json') {
      response.setHeader('Vary', 'Accept');
      return this.reportsFor(user, query).weeklyDigestPage(week, now, query.lines);
    }
    const digest = await this.reportsFor(user, query).weeklyDigest(week, now);
    return sendReport(request, response, digest, `veckosammanstallning-${week}`);
  }

  @Get('statistics')
  @Authorize(canReadReports)
  @ApiOperation({
    summary: 'Antal och ledtider per enhet (upprullat), typ, kategori, lagrum, kanal och månad (REP-8)',
  })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({
    content: REPORT_CONTENT({
      ...PERIOD_SCHEMA,
      properties: {
        ...PERIOD_SCHEMA.properties,
        groupBy: { type: 'array', items: { type: 'string' } },
        groups: { type: 'array', items: { type: 'object' } },
      },
    }),
  })
  @ApiProblems(400, 401, 403)
  async statistics(
    @CurrentUser() user: Principal,
    @Query() query: StatisticsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown | string | StreamableFile> {
    const now = new Date();
    const from = query.from
      ? rangeStart(query.from)
      : yearRange(Number(formatIsoWeek(isoWeekOf(now)).slice(0, 4))).from;
    const to = query.to ? rangeEndExclusive(query.to) : now;
    const dims = (query.groupBy ?? '').split(',').filter((d) => d.length > 0);
    const unknown = dims.filter((d) => !(STATISTICS_DIMENSIONS as readonly string[]).includes(d));
    const errors = [
      ...unknown.map((d) => ({
        field: 'groupBy',
        code: 'INVALID_ENUM',
        message: `groupBy får bara innehålla ${STATISTICS_DIMENSIONS.join(', ')} (inte ${d}).`,
      })),
      ...(from.getTime() >= to.getTime()
        ? [{ field: 'to', code: 'OUT_OF_RANGE', message: 'Fältet to måste vara senare än from.' }]
        : []),
      ...(to.getTime() - from.getTime() > MAX_STATISTICS_RANGE_MS
        ? [{ field: 'from', code: 'OUT_OF_RANGE', message: 'Perioden får vara högst fem år.' }]
        : []),
    ];
    if (errors.length > 0) throw ApiProblem.validation(errors);
    return sendReport(
      request,
      response,
      await this.reportsFor(user, query).statistics(from, to, dims as StatisticsDimension[], now),
      'statistik',
    );
  }

  @Get('tertial')
  @Authorize(canReadReports)
  @ApiOperation({ summary: 'Tertialrapport till nämnden (REP-6; T1 jan–apr, T2 maj–aug, T3 sep–dec)' })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ content: REPORT_CONTENT(PERIOD_SCHEMA) })
  @ApiProblems(400, 401, 403)
  async tertial(
    @CurrentUser() user: Principal,
    @Query() query: TertialQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown | string | StreamableFile> {
    return sendReport(
      request,
      response,
      await this.reportsFor(user, query).tertial(query.year, query.tertial, new Date()),
      `tertialrapport-${query.year}-T${query.tertial}`,
    );
  }

  @Get('quarterly')
  @Authorize(canReadReports)
  @ApiOperation({ summary: 'Kvartalsstatistik per enhet och typ, beröm inräknat (REP-5)' })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ content: REPORT_CONTENT(PERIOD_SCHEMA) })
  @ApiProblems(400, 401, 403)
  async quarterly(
    @CurrentUser() user: Principal,
    @Query() query: QuarterQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown | string | StreamableFile> {
    return sendReport(
      request,
      response,
      await this.reportsFor(user, query).quarter(query.year, query.quarter, new Date()),
      `kvartalsstatistik-${query.year}-Q${query.quarter}`,
    );
  }

  @Get('annual')
  @Authorize(canReadReports)
  @ApiOperation({ summary: 'Årssammanställning till nämnden (REP-9), jämförd med året före' })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ content: REPORT_CONTENT(PERIOD_SCHEMA) })
  @ApiProblems(400, 401, 403)
  async annual(
    @CurrentUser() user: Principal,
    @Query() query: YearQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown | string | StreamableFile> {
    return sendReport(
      request,
      response,
      await this.reportsFor(user, query).annual(query.year, new Date()),
      `arssammanstallning-${query.year}`,
    );
  }

  @Get('patientsakerhetsberattelse')
  @Authorize(canReadPatientsakerhetsberattelse)
  @ApiOperation({
    summary: 'Utkast till patientsäkerhetsberättelse för ett kalenderår (REP-10, senast 1 mars)',
  })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ content: REPORT_CONTENT(BERATTELSE_SCHEMA) })
  @ApiProblems(400, 401, 403)
  async patientsakerhetsberattelse(
    @CurrentUser() user: Principal,
    @Query() query: YearQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown | string | StreamableFile> {
    return sendReport(
      request,
      response,
      await this.reportsFor(user, query).berattelse('patientsakerhetsberattelse', query.year, new Date()),
      `patientsakerhetsberattelse-${query.year}`,
    );
  }

  @Get('kvalitetsberattelse')
  @Authorize(canReadKvalitetsberattelse)
  @ApiOperation({ summary: 'Utkast till kvalitetsberättelse för ett kalenderår (REP-11)' })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ content: REPORT_CONTENT(BERATTELSE_SCHEMA) })
  @ApiProblems(400, 401, 403)
  async kvalitetsberattelse(
    @CurrentUser() user: Principal,
    @Query() query: YearQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown | string | StreamableFile> {
    return sendReport(
      request,
      response,
      await this.reportsFor(user, query).berattelse('kvalitetsberattelse', query.year, new Date()),
      `kvalitetsberattelse-${query.year}`,
    );
  }
}
