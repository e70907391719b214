import { yearRange } from '../calendar/period-range';
import type { CaseType } from '../cases/case-type';
import { CASE_TYPE_LABELS, HSL_CASE_TYPES } from '../cases/case-type';
import { composePeriodReport, type MonthlyCount, type PeriodReport } from './period-report';
import { computeStatistics, isRelevantFor, NOT_GIVEN, type StatisticsResult } from './period-statistics';
import {
  formatStockholm,
  type ReportBlock,
  type ReportDocument,
  type ReportSection,
} from './report-document';
import { classificationLabel, funnelChart, shownBars, type DocumentContext } from './report-documents';
import { ReportUnitTree } from './report-units';
import { maskedCount, suppressStatistics, SUPPRESSED_TEXT, type SuppressedStatistics } from './suppression';
import type { StatisticsCaseFact } from './statistics-fact';
import type { RegisterContent } from './register-content';
import {
  egenkontrollBlocks,
  ejVerkstalldaBlocks,
  eventAnalysisBlocks,
  externalFindingBlocks,
  improvementActionBlocks,
  internkontrollBlocks,
  lexDecisionBlocks,
  operationalUnitIds,
  registerReportData,
  riskAnalysisBlocks,
  routineChangeBlocks,
  type RegisterReportData,
} from './register-sections';

/** Health care (HSL/PSL): the patientsäkerhetsberättelse's cases (REP-10). */
export const HSL_TYPES: readonly CaseType[] = HSL_CASE_TYPES;
/** Social services (SoL/LSS): the kvalitetsberättelse's cases (REP-11). */
export const SOL_LSS_TYPES: readonly CaseType[] = [
  'complaint',
  'suggestion',
  'praise',
  'deviation',
  'lex_sarah',
  'data_breach',
  'external_finding',
];

export type BerattelseKind = 'patientsakerhetsberattelse' | 'kvalitetsberattelse';

export interface Berattelse {
  readonly kind: BerattelseKind;
  readonly year: number;
  /** Nämnd material: counts of 1–2 per type, category and unit suppressed (REP-15, ADR 0011). */
  readonly statistics: SuppressedStatistics;
  readonly byCategory: SuppressedStatistics;
  readonly period: PeriodReport;
  /** What the registers hold for the year, as nämnd material (ADR 0037); absent when not gathered. */
  readonly registers?: RegisterReportData;
  readonly document: ReportDocument;
}

function analysis(prompt: string): ReportBlock {
  return { kind: 'analysis', prompt };
}

const cell = (value: number | null): string | number => (value === null ? SUPPRESSED_TEXT : value);

/** Per type and category, the categories by their labels from the organisation's list, never the stored text (REP-15). */
function categoryTable(result: SuppressedStatistics, caption: string, ctx: DocumentContext): ReportBlock {
  return {
    kind: 'table',
    caption,
    columns: ['Ärendetyp', 'Kategori', 'Inkomna', 'Avslutade', 'Öppna vid årets slut'],
    rows: result.groups.map((g) => [
      CASE_TYPE_LABELS[g.key.type as CaseType] ?? g.key.type ?? '',
      g.key.category === NOT_GIVEN ? 'Ej angiven' : classificationLabel(ctx, 'categories', g.key.category),
      cell(g.measures.reported),
      cell(g.measures.closed),
      cell(g.measures.open),
    ]),
  };
}

function prefilled(text: string): ReportBlock {
  return { kind: 'paragraph', text };
}

function psbSections(
  year: number,
  s: StatisticsResult,
  byCategory: StatisticsResult,
  shown: SuppressedStatistics,
  mariaLines: readonly BerattelseLine[],
  ctx: DocumentContext,
  registers: RegisterContent | undefined,
): ReportSection[] {
  const filled = (blocks: (content: RegisterContent) => ReportBlock[]): ReportBlock[] =>
    registers ? blocks(registers) : [];
  const collaboration = byCategory.groups
    .filter((g) => g.key.category === 'care_collaboration')
    .reduce((sum, g) => sum + g.measures.reported, 0);
  return [
    {
      id: 'ansvar',
      title: 'Ansvarsfördelning',
      source: 'PSL 3 kap. 10 §; revisionens iakttagelse "hur ansvaret … varit fördelat"',
      blocks: [
        prefilled(
          'Vårdgivare är nämnden. Verksamhetschef enligt HSL och medicinskt ansvarig sjuksköterska (MAS) leder patientsäkerhetsarbetet.',
        ),
        analysis(
          'Beskriv hur ansvaret för patientsäkerhetsarbetet har varit fördelat under året (nämnd, verksamhetschef, MAS/MAR, enhetschefer).',
        ),
      ],
    },
    {
      id: 'egenkontroll',
      title: 'Egenkontroll',
      source: 'Revisionens iakttagelse "hur patientsäkerheten bedrivits genom egenkontroll"',
      blocks: [
        ...filled((c) => egenkontrollBlocks(c, ctx, ctx.generatedAt)),
        analysis(
          'Redovisa årets egenkontroller inom hälso- och sjukvården (t.ex. läkemedelsgenomgång, journalgranskning, Senior alert): resultat, analys och åtgärder.',
        ),
      ],
    },
    {
      id: 'samverkan',
      title: 'Samverkan för att förebygga vårdskador',
      source: 'Revisionens iakttagelse "hur samverkan har möjliggjorts"',
      blocks: [
        prefilled(`Avvikelser i vårdsamverkan med regionen under ${year}: ${maskedCount(collaboration)}.`),
        analysis(
          'Beskriv hur samverkan med regionen och andra vårdgivare har möjliggjorts och vad avvikelserna i samverkan visar.',
        ),
      ],
    },
    {
      id: 'risker',
      title: 'Hantering av risker för vårdskador',
      source: 'Revisionens iakttagelse "hur risker för vårdskador har hanterats"',
      blocks: [
        prefilled(
          `Frister hållna: ${s.totals.deadlines.met}, missade: ${s.totals.deadlines.missed}; eskaleringar: ${s.totals.escalations}.`,
        ),
        ...filled((c) => riskAnalysisBlocks(c, ctx, operationalUnitIds(ctx.units))),
        ...filled(eventAnalysisBlocks),
        analysis('Beskriv årets riskanalyser och hur riskerna har hanterats.'),
      ],
    },
    {
      id: 'hsl-avvikelser',
      title: 'Avvikelser inom hälso- och sjukvården',
      source: 'PSL 3 kap. 10 §',
      blocks: [
        prefilled(
          `Under ${year} rapporterades ${s.totals.reported} HSL-avvikelser och lex Maria-händelser; ${s.totals.closed} avslutades och ${s.totals.open} var öppna vid årets slut.`,
        ),
        categoryTable(shown, 'Per kategori (läkemedel, fall, dokumentation, delegering …)', ctx),
        analysis('Analysera mönster och trender i avvikelserna och vad de säger om patientsäkerheten.'),
      ],
    },
    {
      id: 'lex-maria',
      title: 'Lex Maria',
      source: 'PSL 3 kap. 5 §',
      blocks: [
        funnelChart(
          'Lex Maria: från utredning till anmälan',
          s.lexMariaFunnel,
          'Allvarlig vårdskada',
          'Händelser',
        ),
        {
          kind: 'table',
          caption: 'Lex Maria-ärenden (avidentifierade)',
          columns: ['Ärendenummer', 'Rapporterad', 'Anmäld till IVO'],
          rows: mariaLines.map((f) => [
            f.caseNumber,
            formatStockholm(f.reportedAt, false),
            f.ivoReportedAt ? formatStockholm(f.ivoReportedAt, false) : 'Nej',
          ]),
        },
        ...filled((c) =>
          lexDecisionBlocks({
            ...c,
            lexDecisions: c.lexDecisions.filter((d) => d.type === 'lex_maria'),
            ivoDecisions: c.ivoDecisions.filter((d) => HSL_TYPES.includes(d.type)),
          }),
        ),
        analysis('Sammanfatta vad utredningarna visat och vilka åtgärder som vidtagits.'),
      ],
    },
    {
      id: 'atgarder',
      title: 'Åtgärder och resultat',
      source: 'PSL 3 kap. 10 § "vilka åtgärder … och vilka resultat"',
      blocks: [
        prefilled(
          `Åtgärder öppna vid årets slut: ${s.totals.actions.open} (varav försenade ${s.totals.actions.overdue}); uppföljda med effekt: ${s.totals.actions.effective}, utan effekt: ${s.totals.actions.ineffective}.`,
        ),
        ...filled((c) => improvementActionBlocks(c, ctx)),
        analysis(
          'Beskriv de viktigaste åtgärderna för ökad patientsäkerhet och vilka resultat som uppnåtts.',
        ),
      ],
    },
    {
      id: 'mal',
      title: `Mål och strategier för ${year + 1}`,
      source: 'PSL 3 kap. 10 §',
      blocks: [analysis(`Ange patientsäkerhetsmål och strategier för ${year + 1}.`)],
    },
  ];
}

function kbSections(
  year: number,
  s: StatisticsResult,
  shown: SuppressedStatistics,
  externalInYear: number,
  ctx: DocumentContext,
  registers: RegisterContent | undefined,
): ReportSection[] {
  const filled = (blocks: (content: RegisterContent) => ReportBlock[]): ReportBlock[] =>
    registers ? blocks(registers) : [];
  const count = (type: CaseType) =>
    maskedCount(s.groups.filter((g) => g.key.type === type).reduce((sum, g) => sum + g.measures.reported, 0));
  return [
    {
      id: 'ansvar',
      title: 'Ansvarsfördelning',
      source: 'SOSFS 2011:9 3 kap.',
      blocks: [
        analysis(
          'Beskriv hur ansvaret för kvalitetsarbetet varit fördelat (nämnd, förvaltningschef, SAS, chefer, kvalitetsfunktion).',
        ),
      ],
    },
    {
      id: 'processer',
      title: 'Förändringar i processer och rutiner',
      source: 'SOSFS 2011:9 7 kap. 1 §; revisionens iakttagelse om processförändringar',
      blocks: [
        ...filled(routineChangeBlocks),
        analysis('Redovisa årets ändringar i processer och rutiner och varför de gjordes.'),
      ],
    },
    {
      id: 'riskanalyser',
      title: 'Riskanalyser',
      source: 'SOSFS 2011:9 5 kap. 1 §',
      blocks: [
        ...filled((c) => riskAnalysisBlocks(c, ctx, operationalUnitIds(ctx.units))),
        analysis('Redovisa årets riskanalyser per enhet, vad de visade och vilka åtgärder som beslutades.'),
      ],
    },
    {
      id: 'egenkontroller',
      title: 'Egenkontroller',
      source: 'SOSFS 2011:9 5 kap. 2 §; revisionens iakttagelser om saknade resultat',
      blocks: [
        ...filled((c) => egenkontrollBlocks(c, ctx, ctx.generatedAt)),
        analysis('Redovisa varje egenkontroll: resultat, analys och åtgärder (eller uttryckligen "inga").'),
      ],
    },
    {
      id: 'avvikelser',
      title: 'Avvikelser, lex Sarah, klagomål och synpunkter',
      source: 'SOSFS 2011:9 5 kap. 6–7 §§',
      blocks: [
        prefilled(
          `Under ${year}: ${count('deviation')} kvalitetsavvikelser, ${count('lex_sarah')} lex Sarah-rapporter, ${count('complaint')} klagomål (varav ${maskedCount(s.totals.complaints.deviationFound)} där en avvikelse konstaterades), ${count('suggestion')} synpunkter och ${count('praise')} beröm.`,
        ),
        funnelChart('Lex Sarah: från rapport till anmälan', s.lexSarahFunnel, 'Allvarliga'),
        categoryTable(shown, 'Per ärendetyp och kategori', ctx),
        ...filled((c) =>
          lexDecisionBlocks({
            ...c,
            lexDecisions: c.lexDecisions.filter((d) => d.type === 'lex_sarah'),
            ivoDecisions: c.ivoDecisions.filter((d) => SOL_LSS_TYPES.includes(d.type)),
          }),
        ),
        ...filled((c) => improvementActionBlocks(c, ctx)),
        ...filled(eventAnalysisBlocks),
        analysis('Analysera mönster och trender (5 kap. 6 §) och vilka förbättringar de lett till.'),
      ],
    },
    {
      id: 'granskningar',
      title: 'Inspektioner, ej verkställda beslut och domar',
      source: 'SoL 16 kap. 6 f §; LSS 28 f §; IVO:s tillsyn',
      blocks: [
        prefilled(
          `Registrerade externa granskningar och signaler under ${year}: ${maskedCount(externalInYear)}.`,
        ),
        ...filled((c) => [...externalFindingBlocks(c, ctx), ...ejVerkstalldaBlocks(c, ctx)]),
        analysis(
          'Redovisa IVO:s tillsyn, ej verkställda beslut och domar, och vad verksamheten lärt av dem.',
        ),
      ],
    },
    {
      id: 'informationssakerhet',
      title: 'Informationssäkerhet',
      source: 'SOSFS 2011:9 7 kap. 1 §',
      blocks: [
        prefilled(`Personuppgiftsincidenter under ${year}: ${count('data_breach')}.`),
        analysis('Beskriv arbetet med informationssäkerhet och loggkontroller.'),
      ],
    },
    ...(registers
      ? [
          {
            id: 'internkontroll',
            title: 'Internkontroll',
            source: 'Kommunallagen 6 kap. 6 §',
            blocks: [
              ...internkontrollBlocks(registers, ctx),
              analysis('Sammanfatta internkontrollens utfall och vad det leder till.'),
            ],
          },
        ]
      : []),
    {
      id: 'mal',
      title: `Mål för ${year + 1}`,
      source: 'SOSFS 2011:9 7 kap. 1 §',
      blocks: [analysis(`Ange mål och prioriteringar för ${year + 1}.`)],
    },
  ];
}

/** A lex Maria case as the patientsäkerhetsberättelse lists it (de-identified). */
export type BerattelseLine = Pick<StatisticsCaseFact, 'caseNumber' | 'reportedAt' | 'ivoReportedAt'>;

/** What a berättelse is built from, counted from facts here or in SQL (ReportService). */
export interface BerattelseParts {
  /** Per type, over the berättelse's types only. */
  readonly statistics: StatisticsResult;
  /** Per type and category. */
  readonly byCategory: StatisticsResult;
  readonly period: PeriodReport;
  /** The lex Maria cases touching the year, by report time. */
  readonly mariaLines: readonly BerattelseLine[];
  /** External findings reported in the year. */
  readonly externalInYear: number;
  /** What the registers hold for the year (ADR 0037). */
  readonly registers?: RegisterContent;
}

export function berattelseTypes(kind: BerattelseKind): readonly CaseType[] {
  return kind === 'patientsakerhetsberattelse' ? HSL_TYPES : SOL_LSS_TYPES;
}

/** The order of the lex Maria lines: by report time, then case number. */
export const byReportTime = (a: BerattelseLine, b: BerattelseLine): number =>
  a.reportedAt.localeCompare(b.reportedAt) || a.caseNumber.localeCompare(b.caseNumber);

/**
 * Draft patientsäkerhetsberättelse (REP-10, PSL 3 kap. 10 §, by 1 March) or kvalitetsberättelse
 * (REP-11, SOSFS 2011:9 7 kap.) for a calendar year: the sections the seeds name, pre-filled with
 * the year's figures, each with a marked place where a person writes the analysis.
 */
export function composeBerattelse(
  kind: BerattelseKind,
  year: number,
  allFacts: readonly StatisticsCaseFact[],
  history: readonly MonthlyCount[],
  ctx: DocumentContext & { asOf: Date },
  registers?: RegisterContent,
): Berattelse {
  const types = berattelseTypes(kind);
  const facts = allFacts.filter((f) => types.includes(f.type) || types.includes(f.reportedType));
  const { from, to } = yearRange(year);
  const base = { from, to, asOf: ctx.asOf, units: ctx.units };
  return assembleBerattelse(
    kind,
    year,
    {
      statistics: computeStatistics(facts, { ...base, groupBy: ['type'] }),
      byCategory: computeStatistics(facts, { ...base, groupBy: ['type', 'category'] }),
      period: composePeriodReport(facts, {
        kind: 'annual_report',
        label: String(year),
        ...base,
        history,
        comparisons: [{ label: String(year - 1), ...yearRange(year - 1) }],
      }),
      mariaLines: facts
        .filter(
          (f) =>
            isRelevantFor(f, from.getTime(), to.getTime()) &&
            (f.type === 'lex_maria' || f.reportedType === 'lex_maria'),
        )
        .sort(byReportTime),
      externalInYear: facts.filter(
        (f) =>
          f.type === 'external_finding' &&
          Date.parse(f.reportedAt) >= from.getTime() &&
          Date.parse(f.reportedAt) < to.getTime(),
      ).length,
      ...(registers ? { registers } : {}),
    },
    ctx,
  );
}

export function assembleBerattelse(
  kind: BerattelseKind,
  year: number,
  parts: BerattelseParts,
  ctx: DocumentContext,
): Berattelse {
  const { from, to } = yearRange(year);
  const { statistics, byCategory, period } = parts;
  const shownStatistics = suppressStatistics(statistics, ctx.units);
  const shownByCategory = suppressStatistics(byCategory, ctx.units);
  const sections =
    kind === 'patientsakerhetsberattelse'
      ? psbSections(year, statistics, byCategory, shownByCategory, parts.mariaLines, ctx, parts.registers)
      : kbSections(year, statistics, shownByCategory, parts.externalInYear, ctx, parts.registers);
  const tree = new ReportUnitTree(ctx.units);
  const trend: ReportSection = {
    id: 'statistik',
    title: 'Statistik för året',
    blocks: [
      {
        kind: 'chart',
        chart: {
          kind: 'line',
          title: 'Inkomna per månad',
          labels: period.monthly.map((m) => m.month),
          series: [
            { name: String(year), values: period.monthly.map((m) => m.reported) },
            { name: String(year - 1), values: period.monthly.map((m) => m.reportedYearBefore) },
          ],
        },
      },
      {
        kind: 'chart',
        chart: {
          kind: 'bar',
          title: 'Inkomna per enhet',
          ...shownBars(period.byUnit, (g) => tree.nameOf(g.key.unit ?? '')),
        },
      },
    ],
  };
  const title =
    kind === 'patientsakerhetsberattelse'
      ? `Patientsäkerhetsberättelse ${year}`
      : `Kvalitetsberättelse ${year}`;
  return {
    kind,
    year,
    statistics: shownStatistics,
    byCategory: shownByCategory,
    period,
    ...(parts.registers ? { registers: registerReportData(parts.registers) } : {}),
    document: {
      kind,
      title: `${title} (utkast)`,
      organisation: ctx.organisation,
      periodLabel: `Kalenderåret ${year}`,
      from: from.toISOString(),
      to: to.toISOString(),
      generatedAt: ctx.generatedAt.toISOString(),
      status: 'draft',
      sections: [...sections, trend],
    },
  };
}
