import { isValidLocalDate } from '../calendar/local-date';
import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import type { LsCommand } from '../ledningssystem/ledningssystem-common';
import { accept, invalid, refuse } from '../ledningssystem/ledningssystem-common';
import type { DutyTasksOpened, LsAggregate, LsEvent, LsStateBase } from '../ledningssystem/ls-aggregate';
import { decideAdvanceDuties, evolveLs, type AdvanceDutiesCommand } from '../ledningssystem/ls-aggregate';

/**
 * Ej verkställda beslut (AUD-25, DL-21, SoL 16 kap. 6 f §, LSS 28 f §): a gynnande beslut not carried
 * out within three months, kept as a register of its own with no person in it: unit, insats and
 * lagrum from lists, and dates (ADR 0037). The reports count them per lagrum, insats and unit.
 */
export const EJ_VERKSTALLT_LAGRUM = ['sol_4_1', 'lss_9'] as const;
export type EjVerkstalltLagrum = (typeof EJ_VERKSTALLT_LAGRUM)[number];
export const EJ_VERKSTALLT_LAGRUM_LABELS: Readonly<Record<string, string>> = {
  sol_4_1: 'SoL 4 kap. 1 §',
  lss_9: 'LSS 9 §',
};

export const EJ_VERKSTALLT_INSATSER = [
  'sarskilt_boende',
  'hemtjanst',
  'dagverksamhet',
  'korttidsvistelse',
  'kontaktperson',
  'boendestod',
  'bostad_med_sarskild_service',
  'daglig_verksamhet',
  'ledsagarservice',
  'personlig_assistans',
  'annan',
] as const;
export type EjVerkstalltInsats = (typeof EJ_VERKSTALLT_INSATSER)[number];
export const EJ_VERKSTALLT_INSATS_LABELS: Readonly<Record<string, string>> = {
  sarskilt_boende: 'Särskilt boende',
  hemtjanst: 'Hemtjänst',
  dagverksamhet: 'Dagverksamhet',
  korttidsvistelse: 'Korttidsvistelse',
  kontaktperson: 'Kontaktperson eller kontaktfamilj',
  boendestod: 'Boendestöd',
  bostad_med_sarskild_service: 'Bostad med särskild service',
  daglig_verksamhet: 'Daglig verksamhet',
  ledsagarservice: 'Ledsagarservice',
  personlig_assistans: 'Personlig assistans',
  annan: 'Annan insats',
};

export const EJ_VERKSTALLT_REASONS = [
  'brist_pa_plats',
  'brist_pa_personal',
  'enskild_tackat_nej',
  'enskild_vill_vanta',
  'annat',
] as const;
export type EjVerkstalltReason = (typeof EJ_VERKSTALLT_REASONS)[number];
export const EJ_VERKSTALLT_REASON_LABELS: Readonly<Record<string, string>> = {
  brist_pa_plats: 'Brist på lämplig plats',
  brist_pa_personal: 'Brist på personal eller uppdragstagare',
  enskild_tackat_nej: 'Den enskilde har tackat nej',
  enskild_vill_vanta: 'Den enskilde vill vänta',
  annat: 'Annat skäl',
};

export interface EjVerkstalltBeslutState extends LsStateBase {
  readonly unitId: string;
  readonly lagrum: EjVerkstalltLagrum;
  readonly insats: EjVerkstalltInsats;
  /** `YYYY-MM-DD` */
  readonly decisionDate: string;
  readonly reportedToIvoOn: string | null;
  readonly verkstalltOn: string | null;
  readonly reason: EjVerkstalltReason | null;
  readonly registeredAt: string;
}

export interface RegisterEjVerkstalltData {
  readonly beslutId: string;
  readonly unitId: string;
  readonly lagrum: string;
  readonly insats: string;
  readonly decisionDate: string;
  readonly reportedToIvoOn?: string | null;
  readonly reason?: string | null;
}

export interface EjVerkstalltStatusData {
  readonly reportedToIvoOn?: string | null;
  readonly verkstalltOn?: string | null;
  readonly reason?: string | null;
}

export type EjVerkstalltCommand =
  | LsCommand<'register', RegisterEjVerkstalltData>
  | LsCommand<'record-status', EjVerkstalltStatusData>
  | AdvanceDutiesCommand;

export type EjVerkstalltEvent =
  | LsEvent<
      'EjVerkstalltBeslutRegistered',
      {
        readonly beslutId: string;
        readonly unitId: string;
        readonly lagrum: EjVerkstalltLagrum;
        readonly insats: EjVerkstalltInsats;
        readonly decisionDate: string;
        readonly reportedToIvoOn: string | null;
        readonly reason: EjVerkstalltReason | null;
        readonly at: string;
        readonly by: string;
      }
    >
  | LsEvent<
      'EjVerkstalltStatusRecorded',
      {
        readonly reportedToIvoOn: string | null;
        readonly verkstalltOn: string | null;
        readonly reason: EjVerkstalltReason | null;
        readonly at: string;
        readonly by: string;
      }
    >
  | DutyTasksOpened;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** A date field: absent or null is none; otherwise a date no later than today and not before the decision. */
function checkDate(
  value: string | null | undefined,
  field: string,
  label: string,
  today: string,
  decisionDate: string,
): Decision<EjVerkstalltEvent> | null {
  if (value === undefined || value === null) return null;
  if (!isValidLocalDate(value))
    return invalid('INVALID_DATE', `${label} ska vara ett datum (ÅÅÅÅ-MM-DD)`, field);
  if (value > today)
    return invalid('DATE_IN_FUTURE', `${label} kan inte vara ett datum framåt i tiden`, field);
  if (value < decisionDate)
    return invalid('BEFORE_DECISION', `${label} kan inte vara före beslutsdatumet`, field);
  return null;
}

function checkReason(value: string | null | undefined): Decision<EjVerkstalltEvent> | null {
  if (value === undefined || value === null || isOneOf(EJ_VERKSTALLT_REASONS, value)) return null;
  return invalid('NOT_ON_LIST', 'Välj ett skäl ur listan', 'reason');
}

export function decideEjVerkstallt(
  command: EjVerkstalltCommand,
  state: EjVerkstalltBeslutState | null,
  now: Date,
): Decision<EjVerkstalltEvent> {
  const at = now.toISOString();
  const today = at.slice(0, 10);
  switch (command.type) {
    case 'register': {
      if (state)
        return refuse(newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Beslutet är redan registrerat'));
      const d = command.data;
      if (!isOneOf(EJ_VERKSTALLT_LAGRUM, d.lagrum))
        return invalid('NOT_ON_LIST', 'Välj lagrum ur listan', 'lagrum');
      if (!isOneOf(EJ_VERKSTALLT_INSATSER, d.insats))
        return invalid('NOT_ON_LIST', 'Välj insats ur listan', 'insats');
      if (!isValidLocalDate(d.decisionDate))
        return invalid('INVALID_DATE', 'Beslutsdatum ska vara ett datum (ÅÅÅÅ-MM-DD)', 'decisionDate');
      if (d.decisionDate > today)
        return invalid('DATE_IN_FUTURE', 'Beslutsdatum kan inte vara framåt i tiden', 'decisionDate');
      const refused =
        checkDate(d.reportedToIvoOn, 'reportedToIvoOn', 'Rapporterat till IVO', today, d.decisionDate) ??
        checkReason(d.reason);
      if (refused) return refused;
      return accept({
        type: 'EjVerkstalltBeslutRegistered',
        data: {
          beslutId: d.beslutId,
          unitId: d.unitId,
          lagrum: d.lagrum,
          insats: d.insats,
          decisionDate: d.decisionDate,
          reportedToIvoOn: d.reportedToIvoOn ?? null,
          reason: (d.reason ?? null) as EjVerkstalltReason | null,
          at,
          by: command.actor.username,
        },
      });
    }
    case 'record-status': {
      if (!state) return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Beslutet finns inte'));
      const d = command.data;
      const refused =
        checkDate(d.reportedToIvoOn, 'reportedToIvoOn', 'Rapporterat till IVO', today, state.decisionDate) ??
        checkDate(d.verkstalltOn, 'verkstalltOn', 'Verkställt', today, state.decisionDate) ??
        checkReason(d.reason);
      if (refused) return refused;
      return accept({
        type: 'EjVerkstalltStatusRecorded',
        data: {
          reportedToIvoOn: d.reportedToIvoOn === undefined ? state.reportedToIvoOn : d.reportedToIvoOn,
          verkstalltOn: d.verkstalltOn === undefined ? state.verkstalltOn : d.verkstalltOn,
          reason: d.reason === undefined ? state.reason : (d.reason as EjVerkstalltReason | null),
          at,
          by: command.actor.username,
        },
      });
    }
    case 'advance-duties':
      return decideAdvanceDuties(EJ_VERKSTALLT_AGGREGATE, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

export const evolveEjVerkstallt = evolveLs<
  EjVerkstalltBeslutState,
  EjVerkstalltEvent,
  'EjVerkstalltBeslutRegistered'
>({
  createdBy: 'EjVerkstalltBeslutRegistered',
  created: (event, version) => ({
    id: event.data.beslutId,
    version,
    tasks: [],
    unitId: event.data.unitId,
    lagrum: event.data.lagrum,
    insats: event.data.insats,
    decisionDate: event.data.decisionDate,
    reportedToIvoOn: event.data.reportedToIvoOn,
    verkstalltOn: null,
    reason: event.data.reason,
    registeredAt: event.data.at,
  }),
  changed: (state, event, version) => {
    switch (event.type) {
      case 'EjVerkstalltStatusRecorded':
        return {
          ...state,
          version,
          reportedToIvoOn: event.data.reportedToIvoOn,
          verkstalltOn: event.data.verkstalltOn,
          reason: event.data.reason,
        };
      default: {
        const exhaustive: never = event.type;
        return exhaustive;
      }
    }
  },
});

export const EJ_VERKSTALLT_AGGREGATE: LsAggregate<
  EjVerkstalltBeslutState,
  EjVerkstalltCommand,
  EjVerkstalltEvent
> = {
  aggregateType: 'ej_verkstallt_beslut',
  decide: decideEjVerkstallt,
  evolve: evolveEjVerkstallt,
  // Reporting to IVO and the nämnd is on the årshjul's half-yearly duty (DL-21), not a task per decision.
  duties: () => [],
  label: (state) => `${EJ_VERKSTALLT_INSATS_LABELS[state.insats] ?? 'Beslut'} ${state.decisionDate}`,
  finished: () => true,
};
