import { ARSHJUL_KIND_LABELS } from '../arshjul/arshjul-catalogue';
import { CASE_OUTCOME_LABELS } from '../cases/case-outcome';
import { CASE_TYPE_LABELS } from '../cases/case-type';
import { EGENKONTROLL_KIND_LABELS } from '../egenkontroll/egenkontroll-types';
import {
  EJ_VERKSTALLT_INSATS_LABELS,
  EJ_VERKSTALLT_LAGRUM_LABELS,
  EJ_VERKSTALLT_REASON_LABELS,
} from '../ej-verkstallda-beslut/ej-verkstallt-beslut';
import { RISK_LEVEL_INFO, RISK_LEVELS } from '../risk/risk-level';
import type { ReportBlock, ReportDocument, ReportSection } from './report-document';
import { formatStockholm } from './report-document';
import { classificationLabel, type DocumentContext } from './report-documents';
import { ReportUnitTree, type ReportUnit } from './report-units';
import type {
  EgenkontrollOutcomeLine,
  EjVerkstalltBeslutLine,
  IvoDecisionCount,
  LexDecisionCount,
  RegisterContent,
  RoutineChangeKind,
} from './register-content';
import { maskedCount, SUPPRESSED_TEXT } from './suppression';

/** What a report prints where a control's outcome is missing; the renderers show it in red and bold (AUD-11). */
export const MISSING_TEXT = 'Saknas';

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** `2026-H1` → "första halvåret 2026", `2026-M04` → "april 2026". */
export function occurrenceLabel(key: string): string {
  const [year, part] = key.split('-');
  if (!part) return `helår ${year}`;
  const n = Number(part.slice(1));
  switch (part[0]) {
    case 'H':
      return `${n === 1 ? 'första' : 'andra'} halvåret ${year}`;
    case 'T':
      return `tertial ${n} ${year}`;
    case 'Q':
      return `kvartal ${n} ${year}`;
    default:
      return `${MONTHS[n - 1] ?? part} ${year}`;
  }
}

const day = (iso: string) => formatStockholm(iso, false);

function outcomeCells(line: EgenkontrollOutcomeLine, asOf: Date): [string, string, string] {
  if (!line.outcome) {
    const due = Date.parse(line.dueAt) <= asOf.getTime();
    return due
      ? [MISSING_TEXT, MISSING_TEXT, MISSING_TEXT]
      : [`Inte genomförd ännu (senast ${day(new Date(Date.parse(line.dueAt) - 1).toISOString())})`, '', ''];
  }
  const { result, analysis, actions, deviationsReported, noActions } = line.outcome;
  const handled = [
    ...actions,
    ...(deviationsReported > 0 ? [`${deviationsReported} avvikelse(r) rapporterade`] : []),
  ];
  return [
    result,
    analysis || MISSING_TEXT,
    handled.length > 0 ? handled.join('; ') : noActions ? 'Inga åtgärder' : MISSING_TEXT,
  ];
}

/** Every control of the period: result, analysis, actions or "inga åtgärder"; without an outcome "Saknas" (EK-3, EK-5, EK-7). */
export function egenkontrollBlocks(
  content: RegisterContent,
  ctx: DocumentContext,
  asOf: Date,
): ReportBlock[] {
  const tree = new ReportUnitTree(ctx.units);
  const lines = content.egenkontroll;
  const missing = lines.filter((l) => !l.outcome && Date.parse(l.dueAt) <= asOf.getTime()).length;
  return [
    {
      kind: 'paragraph',
      text:
        lines.length === 0
          ? 'Inga egenkontroller var planerade för perioden.'
          : `${lines.length} planerade egenkontroller under perioden; ${lines.filter((l) => l.outcome).length} med redovisat resultat, ${missing} där resultat saknas.`,
    },
    {
      kind: 'table',
      caption: 'Egenkontroller per enhet',
      columns: ['Enhet', 'Kontroll', 'Slag', 'Period', 'Resultat', 'Analys', 'Åtgärder'],
      rows: lines.map((line) => [
        tree.nameOf(line.unitId),
        line.title,
        EGENKONTROLL_KIND_LABELS[line.kind] ?? 'Annan kontroll',
        occurrenceLabel(line.occurrence),
        ...outcomeCells(line, asOf),
      ]),
    },
  ];
}

const ACTION_STATUS = { open: 'pågår', completed: 'genomförd', overdue: 'försenad' } as const;

/**
 * The period's risk analyses per unit with levels and actions, and, over a year, the units without one
 * (RA-10, AUD-8); `unitsExpected` null where no unit owes one in the period (a tertial).
 */
export function riskAnalysisBlocks(
  content: RegisterContent,
  ctx: DocumentContext,
  unitsExpected: readonly string[] | null,
): ReportBlock[] {
  const tree = new ReportUnitTree(ctx.units);
  const analysed = new Set(content.riskAnalyses.map((r) => r.unitId));
  const without = (unitsExpected ?? []).filter((id) => !analysed.has(id)).map((id) => tree.nameOf(id));
  return [
    {
      kind: 'table',
      caption: 'Riskanalyser under perioden',
      columns: [
        'Enhet',
        'Riskanalys',
        'Påbörjad',
        'Högsta risknivå',
        ...RISK_LEVELS.map((l) => `Risker: ${RISK_LEVEL_INFO[l].label.toLowerCase()}`),
        'Åtgärder',
      ],
      rows: content.riskAnalyses.map((r) => [
        tree.nameOf(r.unitId),
        r.title,
        day(r.createdAt),
        r.maxLevel ? RISK_LEVEL_INFO[r.maxLevel].label : 'Inga risker bedömda',
        ...RISK_LEVELS.map((l) => r.risksByLevel[l]),
        r.actions.length === 0
          ? 'Inga åtgärder'
          : r.actions.map((a) => `${a.title} (${ACTION_STATUS[a.status]})`).join('; '),
      ]),
    },
    ...(unitsExpected === null
      ? []
      : [
          {
            kind: 'paragraph' as const,
            text:
              without.length === 0
                ? 'Alla enheter har minst en dokumenterad riskanalys under perioden.'
                : `Enheter utan dokumenterad riskanalys under perioden: ${without.join(', ')}.`,
          },
        ]),
  ];
}

const CHANGE_LABELS: Readonly<Record<RoutineChangeKind, string>> = {
  adopted: 'Fastställd',
  revised: 'Reviderad',
  repealed: 'Upphävd',
};

/** Adoptions, revisions and repeals of processes and routines, from their decisions (AUD-19). */
export function routineChangeBlocks(content: RegisterContent): ReportBlock[] {
  return [
    {
      kind: 'table',
      caption: 'Fastställda, reviderade och upphävda processer och rutiner',
      columns: ['Datum', 'Ändring', 'Slag', 'Beteckning', 'Titel', 'Version', 'Ändringen i korthet'],
      rows: content.routineChanges.map((c) => [
        c.date,
        CHANGE_LABELS[c.change],
        c.kind === 'process' ? 'Process' : 'Rutin',
        c.code,
        c.title,
        c.version ?? '',
        c.note,
      ]),
    },
  ];
}

/** IVO's inspections, court rulings and other supervision and how they were answered (LC-10), de-identified. */
export function externalFindingBlocks(content: RegisterContent, ctx: DocumentContext): ReportBlock[] {
  const tree = new ReportUnitTree(ctx.units);
  return [
    {
      kind: 'table',
      caption: 'Externa granskningar, tillsyn och domar',
      columns: ['Ärendenummer', 'Enhet', 'Slag', 'Inkom', 'Svar senast', 'Besvarad', 'Avslutad'],
      rows: content.externalFindings.map((f) => [
        f.caseNumber,
        tree.nameOf(f.unitId),
        f.category ? classificationLabel(ctx, 'categories', f.category) : 'Ej angiven',
        day(f.reportedAt),
        f.answerDueAt ? day(f.answerDueAt) : '–',
        f.answeredAt ? day(f.answeredAt) : 'Nej',
        f.closedAt ? day(f.closedAt) : 'Nej',
      ]),
    },
  ];
}

export interface EjVerkstalldaCount {
  readonly key: string;
  /** null where the count is 1 or 2 (REP-15). */
  readonly count: number | null;
  readonly notVerkstallt: number | null;
}

/** Ej verkställda beslut as the nämnd may see them: counts only, 1–2 as null (REP-15). */
export interface EjVerkstalldaSummary {
  readonly total: number | null;
  readonly reportedToIvo: number | null;
  readonly notVerkstallt: number | null;
  readonly byLagrum: readonly EjVerkstalldaCount[];
  readonly byInsats: readonly EjVerkstalldaCount[];
  readonly byUnit: readonly EjVerkstalldaCount[];
  readonly byReason: readonly EjVerkstalldaCount[];
}

const shown = (n: number): number | null => (maskedCount(n) === SUPPRESSED_TEXT ? null : n);

function countsBy(
  lines: readonly EjVerkstalltBeslutLine[],
  keyOf: (l: EjVerkstalltBeslutLine) => string,
): EjVerkstalldaCount[] {
  const groups = new Map<string, { all: number; open: number }>();
  for (const line of lines) {
    const g = groups.get(keyOf(line)) ?? { all: 0, open: 0 };
    g.all += 1;
    if (!line.verkstalltOn) g.open += 1;
    groups.set(keyOf(line), g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'sv'))
    .map(([key, g]) => ({ key, count: shown(g.all), notVerkstallt: shown(g.open) }));
}

export function summariseEjVerkstallda(lines: readonly EjVerkstalltBeslutLine[]): EjVerkstalldaSummary {
  return {
    total: shown(lines.length),
    reportedToIvo: shown(lines.filter((l) => l.reportedToIvoOn).length),
    notVerkstallt: shown(lines.filter((l) => !l.verkstalltOn).length),
    byLagrum: countsBy(lines, (l) => l.lagrum),
    byInsats: countsBy(lines, (l) => l.insats),
    byUnit: countsBy(lines, (l) => l.unitId),
    byReason: countsBy(
      lines.filter((l) => !l.verkstalltOn && l.reason),
      (l) => l.reason ?? 'annat',
    ),
  };
}

const shownText = (n: number | null) => (n === null ? SUPPRESSED_TEXT : String(n));

function countTable(
  caption: string,
  first: string,
  counts: readonly EjVerkstalldaCount[],
  label: (key: string) => string,
): ReportBlock {
  return {
    kind: 'table',
    caption,
    columns: [first, 'Antal', 'Inte verkställda vid periodens slut'],
    rows: counts.map((c) => [label(c.key), shownText(c.count), shownText(c.notVerkstallt)]),
  };
}

/**
 * Ej verkställda beslut (AUD-25, DL-21): counts per lagrum, insats and unit, counts of 1–2 shown as
 * "<3" (REP-15); no person or decision is identifiable.
 */
export function ejVerkstalldaBlocks(content: RegisterContent, ctx: DocumentContext): ReportBlock[] {
  const tree = new ReportUnitTree(ctx.units);
  const s = summariseEjVerkstallda(content.ejVerkstallda);
  return [
    {
      kind: 'paragraph',
      text: `Beslut som inte verkställts inom tre månader: ${shownText(s.total)}, varav ${shownText(s.reportedToIvo)} rapporterade till IVO och ${shownText(s.notVerkstallt)} fortfarande inte verkställda.`,
    },
    countTable(
      'Ej verkställda beslut per lagrum',
      'Lagrum',
      s.byLagrum,
      (k) => EJ_VERKSTALLT_LAGRUM_LABELS[k] ?? 'Annat lagrum',
    ),
    countTable(
      'Ej verkställda beslut per insats',
      'Insats',
      s.byInsats,
      (k) => EJ_VERKSTALLT_INSATS_LABELS[k] ?? 'Annan insats',
    ),
    countTable('Ej verkställda beslut per enhet', 'Enhet', s.byUnit, (k) => tree.nameOf(k)),
    countTable(
      'Skäl till att beslut inte verkställts',
      'Skäl',
      s.byReason,
      (k) => EJ_VERKSTALLT_REASON_LABELS[k] ?? 'Annat skäl',
    ),
  ];
}

/** Lex Sarah and lex Maria decisions by outcome, and IVO's decisions, as counts (REP-15). */
export function lexDecisionBlocks(content: RegisterContent): ReportBlock[] {
  return [
    {
      kind: 'table',
      caption: 'Beslut i lex Sarah- och lex Maria-utredningar',
      columns: ['Ärendetyp', 'Bedömning', 'Antal'],
      rows: content.lexDecisions.map((d) => [
        CASE_TYPE_LABELS[d.type],
        CASE_OUTCOME_LABELS[d.outcome] ?? 'Annan bedömning',
        maskedCount(d.count),
      ]),
    },
    {
      kind: 'table',
      caption: 'Beslut från IVO',
      columns: ['Ärendetyp', 'Antal beslut från IVO'],
      rows: content.ivoDecisions.map((d) => [CASE_TYPE_LABELS[d.type] ?? 'Annat', maskedCount(d.count)]),
    },
  ];
}

/** The internkontroll plan's controls and their outcome (REP-14, IK-4). */
export function internkontrollBlocks(content: RegisterContent, ctx: DocumentContext): ReportBlock[] {
  const tree = new ReportUnitTree(ctx.units);
  return [
    {
      kind: 'table',
      caption: 'Internkontrollplanens kontroller',
      columns: ['Verksamhet', 'Kontroll', 'Utfall', 'Åtgärder', 'Rapporterad till nämnden'],
      rows: content.internkontroll.map((c) => [
        tree.nameOf(c.unitId),
        c.control,
        c.outcome === 'ok' ? 'Utan anmärkning' : c.outcome === 'deficiencies' ? 'Brister' : MISSING_TEXT,
        c.actions || (c.outcome === 'ok' ? 'Inga åtgärder' : ''),
        c.reportDecidedOn ?? 'Nej',
      ]),
    },
  ];
}

const IMPROVEMENT_STAGE_LABELS: Readonly<Record<string, string>> = {
  proposed: 'Föreslagen',
  rejected: 'Avslagen',
  planned: 'Planerad',
  implemented: 'Genomförd',
  effective: 'Genomförd med effekt',
};

/** The improvement actions of the period and where they stand (IMP-1). */
export function improvementActionBlocks(content: RegisterContent, ctx: DocumentContext): ReportBlock[] {
  const tree = new ReportUnitTree(ctx.units);
  return [
    {
      kind: 'table',
      caption: 'Förbättringsåtgärder under perioden',
      columns: ['Referens', 'Åtgärd', 'Enhet', 'Status', 'Klar senast'],
      rows: content.improvementActions.map((a) => [
        a.reference,
        a.title,
        tree.nameOf(a.unitId),
        IMPROVEMENT_STAGE_LABELS[a.stage] ?? 'Pågår',
        a.dueAt ? day(a.dueAt) : '–',
      ]),
    },
  ];
}

const ARSHJUL_STATUS = {
  done: 'Klar',
  planned: 'Planerad',
  overdue: 'Försenad',
  cancelled: 'Struken',
} as const;

/** How much of the year's årshjul was done, item by item (DL-31, AUD-13). */
export function arshjulBlocks(content: RegisterContent): ReportBlock[] {
  const active = content.arshjul.filter((i) => i.status !== 'cancelled');
  return [
    {
      kind: 'paragraph',
      text:
        active.length === 0
          ? 'Inget årshjul var planerat för året.'
          : `${active.filter((i) => i.status === 'done').length} av ${active.length} planerade uppgifter i årshjulet är klara; ${active.filter((i) => i.status === 'overdue').length} är försenade.`,
    },
    {
      kind: 'table',
      caption: 'Årshjulets uppgifter',
      columns: ['Senast', 'Uppgift', 'Slag', 'Status', 'Klar'],
      rows: content.arshjul.map((i) => [
        i.dueOn,
        i.title,
        ARSHJUL_KIND_LABELS[i.kind] ?? 'Annat',
        ARSHJUL_STATUS[i.status],
        i.doneOn ?? '–',
      ]),
    },
  ];
}

/** The period's händelseanalyser and their causes by category, so root causes can be trended (RA-11, IMP-5). */
export function eventAnalysisBlocks(content: RegisterContent): ReportBlock[] {
  const e = content.eventAnalyses;
  return [
    {
      kind: 'paragraph',
      text: `Händelseanalyser påbörjade under perioden: ${e.started}, varav ${e.completed} avslutade.`,
    },
    {
      kind: 'table',
      caption: 'Orsaker i händelseanalyserna per kategori',
      columns: ['Kategori', 'Grundorsaker', 'Bidragande orsaker'],
      rows: e.causes.map((c) => [c.label, c.root, c.contributing]),
    },
  ];
}

/** The registers' content as a nämnd report's JSON carries it: ej verkställda and decisions as counts, 1–2 as null (REP-15). */
export interface RegisterReportData extends Omit<
  RegisterContent,
  'ejVerkstallda' | 'lexDecisions' | 'ivoDecisions'
> {
  readonly lexDecisions: readonly (Omit<LexDecisionCount, 'count'> & { readonly count: number | null })[];
  readonly ivoDecisions: readonly (Omit<IvoDecisionCount, 'count'> & { readonly count: number | null })[];
  readonly ejVerkstallda: EjVerkstalldaSummary;
}

export function registerReportData(content: RegisterContent): RegisterReportData {
  return {
    ...content,
    lexDecisions: content.lexDecisions.map((d) => ({ ...d, count: shown(d.count) })),
    ivoDecisions: content.ivoDecisions.map((d) => ({ ...d, count: shown(d.count) })),
    ejVerkstallda: summariseEjVerkstallda(content.ejVerkstallda),
  };
}

/** The units expected to have a risk analysis each year (RA-10): those with no unit under them. */
export function operationalUnitIds(units: readonly ReportUnit[]): string[] {
  const parents = new Set(units.map((u) => u.parentId).filter((id): id is string => id !== null));
  return units.filter((u) => !parents.has(u.id)).map((u) => u.id);
}

/**
 * The registers' sections of a tertial or annual report (REP-6, REP-9, EK-7): egenkontroll of the
 * period, risk analyses, process and routine changes; the annual report adds the year's external
 * findings, ej verkställda beslut, internkontroll and improvement actions. Placed before the
 * analysis, which people write.
 */
export function withRegisterSections(
  doc: ReportDocument,
  content: RegisterContent,
  ctx: DocumentContext,
  annual: boolean,
): ReportDocument {
  const asOf = ctx.generatedAt;
  const sections: ReportSection[] = [
    {
      id: 'egenkontroll',
      title: 'Egenkontroller',
      source: 'SOSFS 2011:9 5 kap. 2 §',
      blocks: egenkontrollBlocks(content, ctx, asOf),
    },
    {
      id: 'riskanalyser',
      title: 'Riskanalyser',
      source: 'SOSFS 2011:9 5 kap. 1 §',
      blocks: riskAnalysisBlocks(content, ctx, annual ? operationalUnitIds(ctx.units) : null),
    },
    {
      id: 'processer',
      title: 'Förändringar i processer och rutiner',
      blocks: routineChangeBlocks(content),
    },
    ...(annual
      ? [
          {
            id: 'granskningar',
            title: 'Externa granskningar och ej verkställda beslut',
            blocks: [...externalFindingBlocks(content, ctx), ...ejVerkstalldaBlocks(content, ctx)],
          },
          {
            id: 'lex-beslut',
            title: 'Beslut i lex Sarah- och lex Maria-ärenden',
            blocks: lexDecisionBlocks(content),
          },
          { id: 'internkontroll', title: 'Internkontroll', blocks: internkontrollBlocks(content, ctx) },
          {
            id: 'forbattringar',
            title: 'Förbättringsåtgärder',
            blocks: improvementActionBlocks(content, ctx),
          },
          { id: 'handelseanalyser', title: 'Händelseanalyser', blocks: eventAnalysisBlocks(content) },
          { id: 'arshjul', title: 'Årshjulet', blocks: arshjulBlocks(content) },
        ]
      : []),
  ];
  const at = doc.sections.findIndex((s) => s.id === 'analys');
  const before = at < 0 ? doc.sections : doc.sections.slice(0, at);
  const after = at < 0 ? [] : doc.sections.slice(at);
  return { ...doc, sections: [...before, ...sections, ...after] };
}
