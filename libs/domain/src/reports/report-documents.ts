import { CASE_OUTCOME_LABELS } from '../cases/case-outcome';
import { CASE_STAGE_LABELS } from '../cases/case-stage';
import { CASE_TYPE_LABELS, CASE_TYPES, type CaseType } from '../cases/case-type';
import type { PeriodLine, PeriodReport, PeriodReportKind } from './period-report';
import {
  LEAD_TIME_STAGES,
  LEAD_TIME_STAGE_LABELS,
  type Funnel,
  type StatisticsGroup,
  type StatisticsMeasures,
  type StatisticsResult,
} from './period-statistics';
import {
  formatNumber,
  formatStockholm,
  type ReportBlock,
  type ReportDocument,
  type ReportSection,
} from './report-document';
import {
  SUPPRESSED_TEXT,
  type Cell,
  type GroupMeasures,
  type ReportGroup,
  type ReportingRateCell,
  type Suppression,
} from './suppression';
import { ReportUnitTree, type ReportUnit } from './report-units';
import type { WeeklyDigest } from './weekly-digest';
import {
  DEFAULT_CLASSIFICATION_VOCABULARY,
  type ClassificationVocabulary,
} from '../classifications/classifications';

export interface DocumentContext {
  readonly organisation: string;
  readonly units: readonly ReportUnit[];
  readonly generatedAt: Date;
  /** The organisation's classification lists: categories and lagrum show as their labels (REP-15); the demo lists when absent. */
  readonly classifications?: ClassificationVocabulary;
}

/** The label of a stored category or lagrum code: never the stored value itself (REP-15, issue 24). */
export function classificationLabel(
  ctx: Pick<DocumentContext, 'classifications'>,
  list: 'categories' | 'lagrum',
  code: string | null | undefined,
): string {
  return (ctx.classifications ?? DEFAULT_CLASSIFICATION_VOCABULARY).labelOf(list, code);
}

/** A printed list stops here; the full list stays in the JSON answer and in the app. */
export const MAX_DOCUMENT_LINES = 300;

function capped<T>(rows: readonly T[]): { rows: readonly T[]; note: ReportBlock[] } {
  if (rows.length <= MAX_DOCUMENT_LINES) return { rows, note: [] };
  return {
    rows: rows.slice(0, MAX_DOCUMENT_LINES),
    note: [
      {
        kind: 'paragraph',
        text: `Listan visar de första ${MAX_DOCUMENT_LINES} av ${rows.length} ärenden; alla finns i rapportens JSON och i appen.`,
      },
    ],
  };
}

const IVO_STATUS_LABELS = { not_required: 'Ej aktuell', pending: 'Ska anmälas', notified: 'Anmäld' } as const;

export const PERIOD_REPORT_TITLES: Readonly<Record<PeriodReportKind, string>> = {
  meeting_report: 'Rapport till ledningsgruppens möte',
  quarterly_statistics: 'Kvartalsstatistik',
  tertial_report: 'Tertialrapport till nämnden',
  annual_report: 'Årssammanställning till nämnden',
  ledningssystem_review: 'Årlig uppföljning av ledningssystemet',
};

function typeLabel(type: string): string {
  return CASE_TYPE_LABELS[type as CaseType] ?? type;
}

function change(now: number, before: number): string {
  const delta = now - before;
  return delta === 0 ? '±0' : delta > 0 ? `+${delta}` : String(delta);
}

/** A lex Sarah or lex Maria funnel: reported, investigated, serious, notified to IVO. */
export function funnelChart(
  title: string,
  funnel: Funnel,
  serious: string,
  reports = 'Rapporter',
): ReportBlock {
  return {
    kind: 'chart',
    chart: {
      kind: 'funnel',
      title,
      steps: [
        { label: reports, value: funnel.reports },
        { label: 'Utredda', value: funnel.investigated },
        { label: serious, value: funnel.serious },
        { label: 'Anmälda till IVO', value: funnel.notifiedToIvo },
      ],
    },
  };
}

/** A count as a table shows it: a suppressed one (REP-15) as "<3". */
const cell = (value: Cell): string | number => (value === null ? SUPPRESSED_TEXT : value);

function measuresRow(label: string, m: GroupMeasures): (string | number)[] {
  return [
    label,
    ...[
      m.reported,
      m.closed,
      m.open,
      m.overdue,
      m.deadlines.met,
      m.deadlines.missed,
      m.escalations,
      m.actions.open,
      m.actions.overdue,
    ].map(cell),
  ];
}

const MEASURE_COLUMNS = [
  '',
  'Inkomna',
  'Avslutade',
  'Öppna',
  'Försenade',
  'Frister hållna',
  'Frister missade',
  'Eskaleringar',
  'Åtgärder öppna',
  'Åtgärder försenade',
];

/** Bars of the groups whose count is shown; suppressed ones (REP-15) are left out of the chart. */
export function shownBars(
  groups: readonly ReportGroup[],
  label: (g: ReportGroup) => string,
): { labels: string[]; values: number[] } {
  const shown = groups.filter((g) => g.measures.reported !== null);
  return { labels: shown.map(label), values: shown.map((g) => g.measures.reported ?? 0) };
}

function suppressionNote(suppression: Suppression): ReportBlock[] {
  if (!suppression.applied) return [];
  return [
    {
      kind: 'paragraph',
      text: `Antal under ${suppression.threshold} redovisas inte per enhet eller ärendetyp (visas som ${SUPPRESSED_TEXT}); ibland döljs ytterligare en cell så att den inte kan räknas fram ur summan.`,
    },
  ];
}

function unitTable(groups: readonly ReportGroup[], tree: ReportUnitTree): ReportBlock {
  return {
    kind: 'table',
    caption: 'Per enhet (enheter under räknas med i sin förvaltning och avdelning)',
    columns: ['Enhet', ...MEASURE_COLUMNS.slice(1)],
    rows: groups.map((g) => {
      const id = g.key.unit ?? '';
      return measuresRow(`${'  '.repeat(tree.depthOf(id))}${tree.nameOf(id)}`, g.measures);
    }),
  };
}

function typeTable(groups: readonly ReportGroup[]): ReportBlock {
  return {
    kind: 'table',
    caption: 'Per ärendetyp',
    columns: ['Ärendetyp', ...MEASURE_COLUMNS.slice(1)],
    rows: groups.map((g) => measuresRow(typeLabel(g.key.type ?? ''), g.measures)),
  };
}

function leadTimeTable(m: StatisticsMeasures): ReportBlock {
  return {
    kind: 'table',
    caption: 'Ledtider per steg (timmar)',
    columns: ['Steg', 'Antal', 'Median', '90:e percentil'],
    rows: LEAD_TIME_STAGES.map((s) => [
      LEAD_TIME_STAGE_LABELS[s],
      m.leadTimes[s].n,
      formatNumber(m.leadTimes[s].medianHours),
      formatNumber(m.leadTimes[s].p90Hours),
    ]),
  };
}

function periodLinesTable(
  lines: readonly PeriodLine[],
  tree: ReportUnitTree,
  caption: string,
  ctx: DocumentContext,
): ReportBlock {
  return {
    kind: 'table',
    caption,
    columns: ['Ärendenummer', 'Typ', 'Enhet', 'Kategori', 'Läge', 'Bedömning', 'IVO', 'Rapporterad'],
    rows: lines.map((l) => [
      l.caseNumber,
      typeLabel(l.type),
      tree.nameOf(l.unitId),
      l.category === null ? '–' : classificationLabel(ctx, 'categories', l.category),
      CASE_STAGE_LABELS[l.stage],
      l.outcome ? CASE_OUTCOME_LABELS[l.outcome] : '–',
      IVO_STATUS_LABELS[l.ivoStatus],
      formatStockholm(l.reportedAt, false),
    ]),
  };
}

function reportingRateBlocks(report: { reportingRate: readonly ReportingRateCell[] }): ReportBlock[] {
  const flagged = report.reportingRate.filter((r) => r.flag !== null);
  return [
    {
      kind: 'table',
      caption:
        'Rapporteringsfrekvens per enhet (en enhet som inte rapporterar är en signal, inte ett gott tecken)',
      columns: ['Enhet', 'Rapporter', 'Per månad', 'Signal'],
      rows: report.reportingRate.map((r) => [
        r.unitName,
        cell(r.reported),
        r.perMonth === null ? SUPPRESSED_TEXT : formatNumber(r.perMonth),
        r.flag === 'none' ? 'Inga rapporter' : r.flag === 'low' ? 'Låg' : '',
      ]),
    },
    {
      kind: 'paragraph',
      text:
        flagged.length === 0
          ? 'Alla enheter har rapporterat under perioden.'
          : `${flagged.length} enhet(er) har inga eller få rapporter: ${flagged.map((r) => r.unitName).join(', ')}.`,
    },
  ];
}

function periodLabel(from: string, to: string): string {
  const last = new Date(Date.parse(to) - 1).toISOString();
  return `${formatStockholm(from, false)} – ${formatStockholm(last, false)}`;
}

export function weeklyDigestDocument(digest: WeeklyDigest, ctx: DocumentContext): ReportDocument {
  const tree = new ReportUnitTree(ctx.units);
  const t = digest.totals;
  const p = digest.previousWeek.totals;
  return {
    kind: 'weekly_digest',
    title: `Veckosammanställning till ledningsgruppen, vecka ${digest.week.slice(-2)} ${digest.week.slice(0, 4)}`,
    organisation: ctx.organisation,
    periodLabel: `${digest.week} (${periodLabel(digest.from, digest.to)})`,
    from: digest.from,
    to: digest.to,
    generatedAt: ctx.generatedAt.toISOString(),
    status: 'final',
    sections: [
      {
        id: 'oversikt',
        title: 'Översikt',
        source: 'Ledningssystemet: uppföljning "varje vecka"',
        blocks: [
          {
            kind: 'table',
            caption: `Jämfört med ${digest.previousWeek.week}`,
            columns: ['', 'Denna vecka', 'Veckan före', 'Förändring'],
            rows: [
              ['Inkomna', t.reported, p.reported, change(t.reported, p.reported)],
              ['Avslutade', t.closed, p.closed, change(t.closed, p.closed)],
              ['Öppna vid veckans slut', t.open, p.open, change(t.open, p.open)],
              ['Försenade', t.overdue, p.overdue, change(t.overdue, p.overdue)],
            ],
          },
          {
            kind: 'chart',
            chart: {
              kind: 'bar',
              title: 'Inkomna per ärendetyp',
              labels: CASE_TYPES.map(typeLabel),
              values: CASE_TYPES.map((type) => digest.byType[type]),
            },
          },
          {
            kind: 'chart',
            chart: {
              kind: 'bar',
              title: 'Inkomna per enhet',
              labels: Object.keys(digest.byUnit).map((id) => tree.nameOf(id)),
              values: Object.values(digest.byUnit),
            },
          },
        ],
      },
      {
        id: 'klagomal',
        title: 'Klagomål per kategori',
        blocks: [
          Object.keys(digest.complaintsByCategory).length === 0
            ? { kind: 'paragraph', text: 'Inga klagomål har kommit in under veckan.' }
            : {
                kind: 'table',
                columns: ['Kategori', 'Antal'],
                rows: Object.entries(digest.complaintsByCategory).map(([code, n]) => [
                  classificationLabel(ctx, 'categories', code),
                  n,
                ]),
              },
        ],
      },
      {
        id: 'lex',
        title: 'Lex Sarah och lex Maria',
        blocks: [
          {
            kind: 'facts',
            items: [
              { label: 'Nya lex Sarah', value: String(digest.lexSarahMaria.reported.lex_sarah) },
              { label: 'Nya lex Maria', value: String(digest.lexSarahMaria.reported.lex_maria) },
              { label: 'Öppna lex Sarah', value: String(digest.lexSarahMaria.open.lex_sarah) },
              { label: 'Öppna lex Maria', value: String(digest.lexSarahMaria.open.lex_maria) },
              {
                label: 'Allvarliga, ännu ej anmälda till IVO',
                value: String(digest.lexSarahMaria.awaitingIvo),
              },
              { label: 'Anmälda till IVO under veckan', value: String(digest.lexSarahMaria.notifiedToIvo) },
            ],
          },
        ],
      },
      {
        id: 'forseningar',
        title: 'Försenat och eskalerat',
        blocks: [
          {
            kind: 'facts',
            items: [
              { label: 'Ärenden med passerad frist', value: String(t.overdue) },
              { label: 'Försenade åtgärder', value: String(digest.overdueActions) },
              { label: 'Eskaleringar under veckan', value: String(digest.escalations) },
            ],
          },
        ],
      },
      {
        id: 'arenden',
        title: 'Ärenden (avidentifierade)',
        blocks: [
          {
            kind: 'table',
            caption: 'Inkomna under veckan eller försenade vid veckans slut',
            columns: ['Ärendenummer', 'Typ', 'Enhet', 'Läge', 'Rapporterad', 'Försenat'],
            rows: capped(digest.lines).rows.map((l) => [
              l.caseNumber,
              typeLabel(l.type),
              tree.nameOf(l.unitId),
              CASE_STAGE_LABELS[l.stage],
              formatStockholm(l.reportedAt),
              l.overdue ? 'Ja' : '',
            ]),
          },
          ...capped(digest.lines).note,
        ],
      },
    ],
  };
}

export function periodReportDocument(report: PeriodReport, ctx: DocumentContext): ReportDocument {
  const tree = new ReportUnitTree(ctx.units);
  const year = (m: string) => m.slice(0, 4);
  const firstMonth = report.monthly[0]?.month ?? '';
  const sections: ReportSection[] = [
    {
      id: 'sammanfattning',
      title: 'Sammanfattning',
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Inkomna', value: String(report.totals.reported) },
            { label: 'Avslutade', value: String(report.totals.closed) },
            { label: 'Öppna vid periodens slut', value: String(report.totals.open) },
            { label: 'Försenade', value: String(report.totals.overdue) },
            {
              label: 'Frister hållna / missade',
              value: `${report.totals.deadlines.met} / ${report.totals.deadlines.missed}`,
            },
            { label: 'Eskaleringar', value: String(report.totals.escalations) },
            {
              label: 'Åtgärder öppna / försenade',
              value: `${report.totals.actions.open} / ${report.totals.actions.overdue}`,
            },
            {
              label: 'Åtgärder uppföljda: effekt / ingen effekt',
              value: `${report.totals.actions.effective} / ${report.totals.actions.ineffective}`,
            },
            {
              label: 'Klagomål / varav avvikelse konstaterad',
              value: `${report.totals.complaints.reported} / ${report.totals.complaints.deviationFound}`,
            },
          ],
        },
        ...(report.comparisons.length > 0
          ? [
              {
                kind: 'table' as const,
                caption: 'Jämfört med tidigare perioder',
                columns: ['Period', 'Inkomna', 'Avslutade'],
                rows: [
                  [report.label, report.totals.reported, report.totals.closed],
                  ...report.comparisons.map((c) => [c.label, c.reported, c.closed]),
                ],
              },
            ]
          : []),
      ],
    },
    {
      id: 'trend',
      title: 'Trend',
      source: 'Ledningssystemet: "mönster eller trender"; jämförelse med tidigare resultat',
      blocks: [
        {
          kind: 'chart',
          chart: {
            kind: 'line',
            title: 'Inkomna per månad',
            labels: report.monthly.map((m) => m.month),
            series: [
              { name: year(firstMonth) || 'Perioden', values: report.monthly.map((m) => m.reported) },
              {
                name: firstMonth ? String(Number(year(firstMonth)) - 1) : 'Året före',
                values: report.monthly.map((m) => m.reportedYearBefore),
              },
            ],
          },
        },
        {
          kind: 'table',
          columns: ['Månad', 'Inkomna', 'Avslutade', 'Inkomna året före'],
          rows: report.monthly.map((m) => [m.month, m.reported, m.closed, m.reportedYearBefore]),
        },
      ],
    },
    {
      id: 'enheter',
      title: 'Per enhet och ärendetyp',
      blocks: [
        {
          kind: 'chart',
          chart: {
            kind: 'bar',
            title: 'Inkomna per enhet (med underliggande enheter)',
            ...shownBars(report.byUnit, (g) => tree.nameOf(g.key.unit ?? '')),
          },
        },
        unitTable(report.byUnit, tree),
        {
          kind: 'chart',
          chart: {
            kind: 'bar',
            title: 'Inkomna per ärendetyp',
            ...shownBars(report.byType, (g) => typeLabel(g.key.type ?? '')),
          },
        },
        typeTable(report.byType),
        ...suppressionNote(report.suppression),
        leadTimeTable(report.totals),
      ],
    },
    {
      id: 'lex',
      title: 'Lex Sarah och lex Maria',
      blocks: [
        funnelChart('Lex Sarah: från rapport till anmälan', report.lexSarahFunnel, 'Allvarliga'),
        funnelChart('Lex Maria: från rapport till anmälan', report.lexMariaFunnel, 'Allvarlig vårdskada'),
        periodLinesTable(
          capped(report.lines).rows,
          tree,
          report.kind === 'meeting_report'
            ? 'Inkomna rapporter och anmälningar sedan förra mötet'
            : 'Allvarliga händelser och anmälningar till IVO',
          ctx,
        ),
        ...capped(report.lines).note,
      ],
    },
    {
      id: 'rapportering',
      title: 'Rapporteringsfrekvens',
      source: 'Revisionens iakttagelse om rapporteringsfrekvens',
      blocks: reportingRateBlocks(report),
    },
    {
      id: 'analys',
      title: 'Analys och slutsatser',
      source: 'Processbeskrivningen: "mönster eller trender som indikerar brister"',
      blocks: [
        {
          kind: 'analysis',
          prompt:
            'Beskriv mönster och trender, orsaker och vilka förbättringar som föreslås. Analysera även det som gått bra.',
        },
      ],
    },
  ];
  return {
    kind: report.kind,
    title: `${PERIOD_REPORT_TITLES[report.kind]}: ${report.label}`,
    organisation: ctx.organisation,
    periodLabel: `${report.label} (${periodLabel(report.from, report.to)})`,
    from: report.from,
    to: report.to,
    generatedAt: ctx.generatedAt.toISOString(),
    status: 'draft',
    sections,
  };
}

export function statisticsDocument(result: StatisticsResult, ctx: DocumentContext): ReportDocument {
  const tree = new ReportUnitTree(ctx.units);
  const keyLabel = (g: StatisticsGroup) =>
    result.groupBy
      .map((d) => {
        const v = g.key[d] ?? '';
        if (d === 'category') return classificationLabel(ctx, 'categories', v);
        if (d === 'lagrum') return classificationLabel(ctx, 'lagrum', v);
        return d === 'unit' ? tree.nameOf(v) : d === 'type' ? typeLabel(v) : v;
      })
      .join(' / ');
  return {
    kind: 'statistics',
    title: 'Statistik',
    organisation: ctx.organisation,
    periodLabel: periodLabel(result.from, result.to),
    from: result.from,
    to: result.to,
    generatedAt: ctx.generatedAt.toISOString(),
    status: 'final',
    sections: [
      {
        id: 'grupper',
        title: result.groupBy.length ? `Per ${result.groupBy.join(', ')}` : 'Totalt',
        blocks: [
          {
            kind: 'table',
            columns: ['Grupp', ...MEASURE_COLUMNS.slice(1)],
            rows: [
              measuresRow('Totalt', result.totals),
              ...result.groups.map((g) => measuresRow(keyLabel(g), g.measures)),
            ],
          },
          leadTimeTable(result.totals),
        ],
      },
      {
        id: 'lex',
        title: 'Lex Sarah och lex Maria',
        blocks: [
          funnelChart('Lex Sarah', result.lexSarahFunnel, 'Allvarliga'),
          funnelChart('Lex Maria', result.lexMariaFunnel, 'Allvarlig vårdskada'),
        ],
      },
      { id: 'rapportering', title: 'Rapporteringsfrekvens', blocks: reportingRateBlocks(result) },
    ],
  };
}
