import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import { isValidLocalDate } from '../calendar/local-date';
import { stockholmStartOfDay, stockholmWallClockToInstant } from '../calendar/stockholm-time';
import type { Duty } from '../ledningssystem/duty';
import type { AdoptionDecision, LsCommand } from '../ledningssystem/ledningssystem-common';
import {
  accept,
  invalid,
  refuse,
  requireText,
  validateDecision,
} from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsAggregate,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';
import { decideAdvanceDuties, evolveLs, withSettledTasks } from '../ledningssystem/ls-aggregate';
import { scoreRisk } from '../risk/score-risk';
import type { RiskLevel } from '../risk/risk-level';

/**
 * The internkontroll plan of a year (IK-1 … IK-4, DL-25): risk analysis → risk-based selection →
 * plan adopted by the nämnd before the year → controls → report to the nämnd → evaluation. Each
 * step is a duty on the årshjul.
 */
export interface InternkontrollRisk {
  readonly riskId: string;
  readonly description: string;
  readonly probability: number;
  readonly severity: number;
  readonly score: number;
  readonly level: RiskLevel;
  /** Where the risk comes from, e.g. a risk assessment's id or "ledningsgruppens riskanalys" (IK-1, IK-4). */
  readonly source: string;
  /** RA-3: very high risks are proposed for the plan; the selection is a decision with a rationale. */
  readonly proposed: boolean;
  readonly selected: boolean | null;
  readonly rationale: string | null;
}

export interface InternkontrollControl {
  readonly controlId: string;
  readonly riskId: string;
  readonly title: string;
  readonly method: string;
  readonly responsible: string;
  /** `YYYY-MM-DD` */
  readonly dueDate: string;
  readonly result: {
    readonly outcome: 'ok' | 'deficiencies';
    readonly summary: string;
    readonly actions: string;
    readonly at: string;
    readonly by: string;
  } | null;
}

export const INTERNKONTROLL_STAGES = ['risk_analysis', 'adopted', 'reported'] as const;
export type InternkontrollStage = (typeof INTERNKONTROLL_STAGES)[number];

export interface InternkontrollState extends LsStateBase {
  readonly unitId: string;
  readonly year: number;
  readonly stage: InternkontrollStage;
  readonly risks: readonly InternkontrollRisk[];
  readonly controls: readonly InternkontrollControl[];
  readonly planDecision: AdoptionDecision | null;
  readonly report: {
    readonly decision: AdoptionDecision;
    readonly summary: string;
    readonly evaluation: string;
    readonly at: string;
  } | null;
}

export type InternkontrollCommand =
  | LsCommand<'create', { readonly planId: string; readonly year: number }>
  | LsCommand<
      'add-risk',
      {
        readonly riskId: string;
        readonly description: string;
        readonly probability: number;
        readonly severity: number;
        readonly source: string;
      }
    >
  | LsCommand<
      'select-risk',
      { readonly riskId: string; readonly selected: boolean; readonly rationale: string }
    >
  | LsCommand<'add-control', Omit<InternkontrollControl, 'result'>>
  | LsCommand<'adopt-plan', { readonly decision: AdoptionDecision }>
  | LsCommand<
      'record-control-result',
      {
        readonly controlId: string;
        readonly outcome: 'ok' | 'deficiencies';
        readonly summary: string;
        readonly actions: string;
      }
    >
  | LsCommand<
      'report',
      { readonly decision: AdoptionDecision; readonly summary: string; readonly evaluation: string }
    >
  | AdvanceDutiesCommand;

export type InternkontrollEvent =
  | LsEvent<
      'InternkontrollPlanCreated',
      { readonly planId: string; readonly year: number; readonly at: string; readonly by: string }
    >
  | LsEvent<'InternkontrollRiskAdded', InternkontrollRisk & { readonly at: string; readonly by: string }>
  | LsEvent<
      'InternkontrollRiskSelected',
      {
        readonly riskId: string;
        readonly selected: boolean;
        readonly rationale: string;
        readonly at: string;
        readonly by: string;
      }
    >
  | LsEvent<
      'InternkontrollControlAdded',
      Omit<InternkontrollControl, 'result'> & { readonly at: string; readonly by: string }
    >
  | LsEvent<
      'InternkontrollPlanAdopted',
      { readonly decision: AdoptionDecision; readonly at: string; readonly by: string }
    >
  | LsEvent<
      'InternkontrollControlResultRecorded',
      {
        readonly controlId: string;
        readonly outcome: 'ok' | 'deficiencies';
        readonly summary: string;
        readonly actions: string;
        readonly at: string;
        readonly by: string;
      }
    >
  | LsEvent<
      'InternkontrollReported',
      {
        readonly decision: AdoptionDecision;
        readonly summary: string;
        readonly evaluation: string;
        readonly at: string;
        readonly by: string;
      }
    >
  | DutyTasksOpened;

const boardDuty = {
  assigneeRole: 'quality_coordinator',
  unitId: 'forvaltning',
  escalateTo: ['director'],
} as const;

/** The årshjul of the plan (IK-2, DL-25). */
export function internkontrollDuties(state: InternkontrollState): Duty[] {
  if (state.stage === 'risk_analysis')
    return [
      {
        key: `adopt/${state.year}`,
        kind: 'internkontroll_step',
        title: `Internkontrollplan ${state.year}: riskanalys, urval och beslut i nämnden före årets början`,
        dueAt: stockholmWallClockToInstant({ year: state.year, month: 1, day: 1 }).toISOString(),
        ...boardDuty,
      },
    ];
  if (state.stage === 'reported') return [];
  const controls: Duty[] = state.controls
    .filter((c) => c.result === null)
    .map((c) => ({
      key: `control/${c.controlId}`,
      kind: 'internkontroll_control',
      title: `Internkontroll ${state.year}: ${c.title}`,
      dueAt: stockholmStartOfDay(c.dueDate).toISOString(),
      assignee: c.responsible,
      unitId: 'forvaltning',
      escalateTo: ['quality_coordinator', 'director'],
    }));
  return [
    ...controls,
    {
      key: `report/${state.year}`,
      kind: 'internkontroll_step',
      title: `Internkontroll ${state.year}: uppföljning och rapport till nämnden`,
      dueAt: stockholmWallClockToInstant({ year: state.year + 1, month: 3, day: 1 }).toISOString(),
      ...boardDuty,
    },
  ];
}

const adoption = (decision: AdoptionDecision) => {
  const invalidDecision = validateDecision(decision, 'decision');
  if (invalidDecision) return invalidDecision;
  // IK-3, DL-25: the nämnd decides the plan and receives the outcome.
  return decision.decidedBy === 'namnd'
    ? null
    : newRefusal(
        'VALIDATION_FAILED',
        'NOT_NAMND',
        'Internkontrollplanen beslutas av nämnden (IK-3)',
        'decision.decidedBy',
      );
};

export function decideInternkontroll(
  command: InternkontrollCommand,
  state: InternkontrollState | null,
  now: Date,
): Decision<InternkontrollEvent> {
  const at = now.toISOString();
  const by = command.actor.username;
  if (command.type !== 'create' && command.type !== 'advance-duties' && !state)
    return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Internkontrollplanen finns inte'));
  const inAnalysis = () =>
    state!.stage === 'risk_analysis'
      ? null
      : refuse<InternkontrollEvent>(
          newRefusal('INVALID_TRANSITION', 'PLAN_ADOPTED', 'Planen är redan beslutad'),
        );
  switch (command.type) {
    case 'create':
      if (state)
        return refuse(
          newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Det finns redan en internkontrollplan för året'),
        );
      if (!Number.isInteger(command.data.year) || command.data.year < 2000 || command.data.year > 2100)
        return invalid('INVALID_YEAR', 'Ogiltigt år', 'year');
      return accept({ type: 'InternkontrollPlanCreated', data: { ...command.data, at, by } });
    case 'add-risk': {
      const blocked = inAnalysis();
      if (blocked) return blocked;
      const d = command.data;
      const missing =
        requireText(d.description, 'description', 'Riskens beskrivning') ??
        requireText(d.source, 'source', 'Källa');
      if (missing) return refuse(missing);
      const scored = scoreRisk(d.probability, d.severity);
      if (!scored.ok) {
        const first = scored.errors[0]!;
        return invalid(first.code, first.message, first.field);
      }
      return accept({
        type: 'InternkontrollRiskAdded',
        data: {
          ...d,
          description: d.description.trim(),
          score: scored.score,
          level: scored.level,
          proposed: scored.level === 'very_high',
          selected: null,
          rationale: null,
          at,
          by,
        },
      });
    }
    case 'select-risk': {
      const blocked = inAnalysis();
      if (blocked) return blocked;
      if (!state!.risks.some((r) => r.riskId === command.data.riskId))
        return refuse(newRefusal('NOT_FOUND', 'UNKNOWN_RISK', 'Risken finns inte i planen', 'riskId'));
      const missing = requireText(command.data.rationale, 'rationale', 'Motivering');
      if (missing) return refuse(missing);
      return accept({
        type: 'InternkontrollRiskSelected',
        data: { ...command.data, rationale: command.data.rationale.trim(), at, by },
      });
    }
    case 'add-control': {
      const blocked = inAnalysis();
      if (blocked) return blocked;
      const d = command.data;
      const risk = state!.risks.find((r) => r.riskId === d.riskId);
      if (!risk)
        return refuse(newRefusal('NOT_FOUND', 'UNKNOWN_RISK', 'Risken finns inte i planen', 'riskId'));
      if (risk.selected !== true)
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'RISK_NOT_SELECTED',
            'Kontroller görs bara för risker som valts till planen',
            'riskId',
          ),
        );
      const missing =
        requireText(d.title, 'title', 'Kontrollens namn') ??
        requireText(d.method, 'method', 'Metod') ??
        requireText(d.responsible, 'responsible', 'Ansvarig');
      if (missing) return refuse(missing);
      if (!isValidLocalDate(d.dueDate) || !d.dueDate.startsWith(String(state!.year)))
        return invalid('INVALID_DATE', `Slutdatum måste vara ett datum under ${state!.year}`, 'dueDate');
      return accept({ type: 'InternkontrollControlAdded', data: { ...d, at, by } });
    }
    case 'adopt-plan': {
      const blocked = inAnalysis();
      if (blocked) return blocked;
      const invalidDecision = adoption(command.data.decision);
      if (invalidDecision) return refuse(invalidDecision);
      if (state!.risks.some((r) => r.selected === null))
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'UNDECIDED_RISKS',
            'Alla risker ska ha valts eller valts bort med motivering före beslutet',
          ),
        );
      const selected = state!.risks.filter((r) => r.selected);
      if (selected.length === 0)
        return refuse(newRefusal('INVALID_TRANSITION', 'EMPTY_PLAN', 'Planen har inga valda risker'));
      const uncovered = selected.filter((r) => !state!.controls.some((c) => c.riskId === r.riskId));
      if (uncovered.length > 0)
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'RISK_WITHOUT_CONTROL',
            `Varje vald risk behöver minst en kontroll: ${uncovered.map((r) => r.description).join('; ')}`,
          ),
        );
      return accept({ type: 'InternkontrollPlanAdopted', data: { decision: command.data.decision, at, by } });
    }
    case 'record-control-result': {
      if (state!.stage !== 'adopted')
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'NOT_ADOPTED',
            'Kontroller registreras när planen är beslutad och innan den är rapporterad',
          ),
        );
      const control = state!.controls.find((c) => c.controlId === command.data.controlId);
      if (!control)
        return refuse(
          newRefusal('NOT_FOUND', 'UNKNOWN_CONTROL', 'Kontrollen finns inte i planen', 'controlId'),
        );
      if (control.result)
        return refuse(
          newRefusal('ALREADY_EXISTS', 'RESULT_EXISTS', 'Kontrollens resultat är redan registrerat'),
        );
      const missing = requireText(command.data.summary, 'summary', 'Resultat');
      if (missing) return refuse(missing);
      if (command.data.outcome === 'deficiencies' && command.data.actions.trim().length === 0)
        return invalid('REQUIRED', 'Brister kräver åtgärder', 'actions');
      return accept({ type: 'InternkontrollControlResultRecorded', data: { ...command.data, at, by } });
    }
    case 'report': {
      if (state!.stage !== 'adopted')
        return refuse(
          newRefusal('INVALID_TRANSITION', 'NOT_ADOPTED', 'Bara en beslutad plan kan rapporteras'),
        );
      const open = state!.controls.filter((c) => c.result === null);
      if (open.length > 0)
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'CONTROLS_OPEN',
            `Kontroller saknar resultat: ${open.map((c) => c.title).join('; ')}`,
          ),
        );
      const invalidDecision = adoption(command.data.decision);
      if (invalidDecision) return refuse(invalidDecision);
      const missing =
        requireText(command.data.summary, 'summary', 'Sammanfattning') ??
        requireText(command.data.evaluation, 'evaluation', 'Utvärdering');
      if (missing) return refuse(missing);
      return accept({ type: 'InternkontrollReported', data: { ...command.data, at, by } });
    }
    case 'advance-duties':
      return decideAdvanceDuties({ duties: internkontrollDuties }, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

export const evolveInternkontroll = evolveLs<
  InternkontrollState,
  InternkontrollEvent,
  'InternkontrollPlanCreated'
>({
  createdBy: 'InternkontrollPlanCreated',
  created: (event, version) => ({
    id: event.data.planId,
    version,
    tasks: [],
    unitId: 'forvaltning',
    year: event.data.year,
    stage: 'risk_analysis',
    risks: [],
    controls: [],
    planDecision: null,
    report: null,
  }),
  changed: (state, event, version) => {
    const settle = (next: InternkontrollState, at: string): InternkontrollState =>
      withSettledTasks(next, internkontrollDuties(next), at);
    switch (event.type) {
      case 'InternkontrollRiskAdded': {
        const { at: _at, by: _by, ...risk } = event.data;
        return { ...state, version, risks: [...state.risks, risk] };
      }
      case 'InternkontrollRiskSelected':
        return {
          ...state,
          version,
          risks: state.risks.map((r) =>
            r.riskId === event.data.riskId
              ? { ...r, selected: event.data.selected, rationale: event.data.rationale }
              : r,
          ),
        };
      case 'InternkontrollControlAdded': {
        const { at: _at, by: _by, ...control } = event.data;
        return { ...state, version, controls: [...state.controls, { ...control, result: null }] };
      }
      case 'InternkontrollPlanAdopted':
        return settle(
          { ...state, version, stage: 'adopted', planDecision: event.data.decision },
          event.data.at,
        );
      case 'InternkontrollControlResultRecorded': {
        const { controlId, outcome, summary, actions, at, by } = event.data;
        return settle(
          {
            ...state,
            version,
            controls: state.controls.map((c) =>
              c.controlId === controlId ? { ...c, result: { outcome, summary, actions, at, by } } : c,
            ),
          },
          at,
        );
      }
      case 'InternkontrollReported':
        return settle(
          {
            ...state,
            version,
            stage: 'reported',
            report: {
              decision: event.data.decision,
              summary: event.data.summary,
              evaluation: event.data.evaluation,
              at: event.data.at,
            },
          },
          event.data.at,
        );
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
});

export const INTERNKONTROLL_AGGREGATE: LsAggregate<
  InternkontrollState,
  InternkontrollCommand,
  InternkontrollEvent
> = {
  aggregateType: 'internkontroll',
  decide: decideInternkontroll,
  evolve: evolveInternkontroll,
  duties: internkontrollDuties,
  label: (state) => `IK-${state.year}`,
  finished: (state) => state.stage === 'reported',
};
