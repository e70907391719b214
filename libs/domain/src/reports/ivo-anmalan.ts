import { CASE_OUTCOME_LABELS, isSeriousOutcome } from '../cases/case-outcome';
import type { CaseDelegationRef, CaseEvent, CaseReportedData } from '../cases/case-events';
import { DELEGATION_DECISION_LABELS } from '../delegations/delegation-register';
import { CASE_TYPE_LABELS } from '../cases/case-type';
import { rebuildCase } from '../cases/evolve-case';
import { maskPersonRef } from '../cases/person-ref';
import { maskPersonnummer } from '../cases/personnummer-in-text';
import { formatStockholm, type ReportBlock, type ReportDocument } from './report-document';

/** Why an anmälan cannot be prepared (the api answers 409). */
export type IvoAnmalanRefusal = 'not_lex_case' | 'no_serious_decision';

export interface IvoAnmalan {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly kind: 'lex_sarah' | 'lex_maria';
  readonly legalBasis: string;
  readonly provider: string;
  readonly unit: { readonly id: string; readonly name: string };
  readonly occurredAt: string | null;
  readonly observedOrReportedAt: string;
  readonly description: string | null;
  readonly immediateActions: string | null;
  /** The case's reference to the person, an identity number in it masked (`19121212-****`). */
  readonly personRef: string | null;
  readonly investigation: {
    readonly summary: string | null;
    readonly causes: readonly string[];
    readonly recordedAt: string;
    readonly version: number;
  } | null;
  readonly decision: {
    readonly outcome: string;
    readonly outcomeLabel: string;
    readonly rationale: string | null;
    readonly decidedBy: string;
    readonly decidedAt: string;
    /** The delegation of the register the decision was made under (AUD-6); null before the register. */
    readonly delegation: CaseDelegationRef | null;
  };
  readonly actions: readonly {
    readonly title: string | null;
    readonly level: string;
    readonly dueAt: string;
    readonly status: string;
  }[];
  readonly ivo: {
    readonly dueAt: string | null;
    readonly reportedAt: string | null;
    readonly reference: string | null;
  };
  /** What the system cannot know and a person fills in on IVO's e-service. */
  readonly toCompleteByHand: readonly string[];
}

export interface IvoEventInput {
  readonly type: string;
  readonly data: unknown;
}

const LEGAL_BASIS = {
  lex_sarah:
    'SoL 14 kap. 7 § / LSS 24 f § (lex Sarah): anmälan om allvarligt missförhållande eller påtaglig risk för ett allvarligt missförhållande',
  lex_maria:
    'PSL 3 kap. 5 § (lex Maria): anmälan om vårdskada som medfört eller hade kunnat medföra en allvarlig vårdskada',
} as const;

/** Free text of the case, a personnummer in it masked: the anmälan leaves the case (issue 21). */
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? maskPersonnummer(value) : null;

/**
 * What the anmälan holds, said plainly (issue 24): it is case material with personal data under
 * secrecy — socialtjänst (OSL 26 kap. 1 §) for lex Sarah, hälso- och sjukvård (OSL 25 kap. 1 §) for
 * lex Maria — not an aggregate, so the REP-15 statement of the ledning and nämnd reports is not true of it.
 */
const SECRECY = {
  lex_sarah: 'socialtjänstsekretess enligt 26 kap. 1 § offentlighets- och sekretesslagen (OSL)',
  lex_maria: 'hälso- och sjukvårdssekretess enligt 25 kap. 1 § offentlighets- och sekretesslagen (OSL)',
} as const;

export function ivoAnmalanNotice(kind: IvoAnmalan['kind']): string {
  return `Innehåller personuppgifter och fritext ur ärendet (beskrivning, utredning, beslut och berörd persons referens; personnummer visas maskerat). Uppgifterna omfattas av ${SECRECY[kind]} och ska hanteras därefter: lämnas bara till behöriga, skickas inte med okrypterad e-post och sparas inte utanför ärendehanteringen.`;
}

/**
 * The content of the IVO anmälan for a serious lex Sarah or lex Maria case (DATA-11, LC-6 S6, LC-8
 * step 5). IVO's e-service has no API: the system prepares it from the case, a person sends it, and
 * `report-to-ivo` records the date and IVO's reference afterwards. This is case material (per-case
 * visibility, logged), not an aggregate: it carries the case's own text.
 */
export function composeIvoAnmalan(
  events: readonly IvoEventInput[],
  ctx: { provider: string; unitName: (id: string) => string },
): IvoAnmalan | IvoAnmalanRefusal {
  const caseEvents = events as unknown as CaseEvent[];
  const state = rebuildCase(caseEvents);
  if (state === null || (state.type !== 'lex_sarah' && state.type !== 'lex_maria')) return 'not_lex_case';
  if (state.decision === null || !isSeriousOutcome(state.decision.outcome)) return 'no_serious_decision';
  const reported = caseEvents.find((e) => e.type === 'CaseReported')?.data as CaseReportedData | undefined;
  const lastInvestigation = [...caseEvents].reverse().find((e) => e.type === 'InvestigationRecorded');
  const lastDecision = [...caseEvents].reverse().find((e) => e.type === 'CaseDecided');
  const titles = new Map(
    caseEvents.flatMap((e) => (e.type === 'ActionAdded' ? [[e.data.actionId, e.data.title] as const] : [])),
  );
  const ivoDeadline = Object.values(state.deadlines).find((d) => d.kind === 'ivo_report');
  return {
    caseId: state.id,
    caseNumber: state.caseNumber,
    kind: state.type,
    legalBasis: LEGAL_BASIS[state.type],
    provider: ctx.provider,
    unit: { id: state.unitId, name: ctx.unitName(state.unitId) },
    occurredAt: state.occurredAt ?? null,
    observedOrReportedAt: state.reportedAt,
    description: text(reported?.description),
    immediateActions: text(reported?.immediateActions),
    personRef: maskPersonRef(reported?.personRef ? reported.personRef : null),
    investigation:
      lastInvestigation?.type === 'InvestigationRecorded'
        ? {
            summary: text(lastInvestigation.data.summary),
            causes: lastInvestigation.data.causes.flatMap((c) => text(c) ?? []),
            recordedAt: lastInvestigation.data.at,
            version: state.investigation?.seq ?? 1,
          }
        : null,
    decision: {
      outcome: state.decision.outcome,
      outcomeLabel: CASE_OUTCOME_LABELS[state.decision.outcome],
      rationale: lastDecision?.type === 'CaseDecided' ? text(lastDecision.data.rationale) : null,
      decidedBy: state.decision.by,
      decidedAt: state.decision.at,
      delegation: state.decision.delegation ?? null,
    },
    actions: Object.values(state.actions).map((a) => ({
      title: text(titles.get(a.id)),
      level: a.level,
      dueAt: a.dueAt,
      status: a.status,
    })),
    ivo: {
      dueAt: ivoDeadline?.dueAt ?? null,
      reportedAt: state.ivoReport?.reportedAt ?? null,
      reference: state.ivoReport?.ivoReference ?? null,
    },
    toCompleteByHand: [
      'Uppgiftslämnarens kontaktuppgifter (namn, telefon, e-post)',
      state.type === 'lex_maria'
        ? 'Hur och när patienten eller närstående informerats'
        : 'Hur den enskilde informerats och dennes synpunkter',
      'Fullständigt personnummer för den enskilde: i underlaget visas det maskerat; hämtas från ärendet (behöriga) eller verksamhetssystemet',
      'Bifoga utredningen i den version som beslutet grundas på',
    ],
  };
}

export function ivoAnmalanDocument(anmalan: IvoAnmalan, generatedAt: Date): ReportDocument {
  const fact = (label: string, value: string | null) => ({ label, value: value ?? '– (fylls i för hand)' });
  const blocks: ReportBlock[] = [
    {
      kind: 'facts',
      items: [
        fact('Ärendenummer', anmalan.caseNumber),
        fact('Typ', CASE_TYPE_LABELS[anmalan.kind]),
        fact('Lagrum', anmalan.legalBasis),
        fact('Vårdgivare / nämnd', anmalan.provider),
        fact('Verksamhet', anmalan.unit.name),
        fact('Händelsen inträffade', anmalan.occurredAt ? formatStockholm(anmalan.occurredAt) : null),
        fact('Rapporterad', formatStockholm(anmalan.observedOrReportedAt)),
        fact('Berörd person (referens; personnummer maskerat)', anmalan.personRef),
      ],
    },
  ];
  return {
    kind: 'ivo_anmalan',
    title: `Underlag för anmälan till IVO – ${anmalan.caseNumber}`,
    organisation: anmalan.provider,
    periodLabel: `${formatStockholm(anmalan.observedOrReportedAt, false)} – ${formatStockholm(generatedAt.toISOString(), false)}`,
    from: anmalan.observedOrReportedAt,
    to: generatedAt.toISOString(),
    generatedAt: generatedAt.toISOString(),
    status: 'draft',
    notice: ivoAnmalanNotice(anmalan.kind),
    sections: [
      {
        id: 'uppgifter',
        title: 'Uppgifter om händelsen',
        source: 'Ärendet i kvalitetsledningssystemet',
        blocks: [
          ...blocks,
          { kind: 'paragraph', text: `Beskrivning: ${anmalan.description ?? '–'}` },
          { kind: 'paragraph', text: `Omedelbara åtgärder: ${anmalan.immediateActions ?? '–'}` },
        ],
      },
      {
        id: 'utredning',
        title: 'Utredning och bedömning',
        blocks: [
          {
            kind: 'paragraph',
            text: anmalan.investigation
              ? `Utredning (version ${anmalan.investigation.version}, ${formatStockholm(anmalan.investigation.recordedAt)}): ${anmalan.investigation.summary ?? '–'}`
              : 'Ingen utredning registrerad.',
          },
          { kind: 'paragraph', text: `Orsaker: ${anmalan.investigation?.causes.join(', ') || '–'}` },
          {
            kind: 'facts',
            items: [
              fact('Bedömning', anmalan.decision.outcomeLabel),
              fact('Beslutad', formatStockholm(anmalan.decision.decidedAt)),
              fact('Beslutsfattare', anmalan.decision.decidedBy),
              fact(
                'Enligt delegation',
                anmalan.decision.delegation
                  ? [
                      DELEGATION_DECISION_LABELS[anmalan.decision.delegation.decision],
                      anmalan.decision.delegation.boardDecision,
                    ]
                      .filter((part) => part !== null)
                      .join(', ')
                  : null,
              ),
              fact('Motivering', anmalan.decision.rationale),
            ],
          },
        ],
      },
      {
        id: 'atgarder',
        title: 'Åtgärder',
        blocks: [
          {
            kind: 'table',
            columns: ['Åtgärd', 'Nivå', 'Senast', 'Status'],
            rows: anmalan.actions.map((a) => [
              a.title ?? '–',
              a.level === 'organisational' ? 'Organisatorisk' : 'Individ',
              formatStockholm(a.dueAt, false),
              a.status,
            ]),
          },
        ],
      },
      {
        id: 'ivo',
        title: 'Anmälan till IVO',
        blocks: [
          {
            kind: 'facts',
            items: [
              fact('Ska anmälas senast', anmalan.ivo.dueAt ? formatStockholm(anmalan.ivo.dueAt) : null),
              fact('Anmäld', anmalan.ivo.reportedAt ? formatStockholm(anmalan.ivo.reportedAt) : 'Inte ännu'),
              fact(
                'IVO:s diarienummer',
                anmalan.ivo.reference ?? 'Registreras i ärendet när anmälan är skickad',
              ),
            ],
          },
          {
            kind: 'analysis',
            prompt: `Kompletteras för hand i IVO:s e-tjänst: ${anmalan.toCompleteByHand.join('; ')}.`,
          },
        ],
      },
    ],
  };
}
