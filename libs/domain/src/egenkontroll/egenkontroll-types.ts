import type { LsCommand } from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';

/** The egenkontroll catalogue (EK-2, EK-4, EK-6, AUD-9, AUD-18): configurable kinds with these defaults. */
export const EGENKONTROLL_KINDS = [
  'loggkontroll',
  'journalgranskning',
  'lakemedelshantering',
  'genomforandeplaner',
  'kvalitetsregister',
  'brukarundersokning',
  'oppna_jamforelser',
  'klagomal_och_avvikelser',
  'verksamhetsgranskning',
  'chefens_checklista',
  'sip',
  'utbetalningskontroll',
  'personalenkat',
  'annan',
] as const;
export type EgenkontrollKind = (typeof EGENKONTROLL_KINDS)[number];

export const EGENKONTROLL_KIND_LABELS: Readonly<Record<EgenkontrollKind, string>> = {
  loggkontroll: 'Loggkontroll (granskning av åtkomstloggen)',
  journalgranskning: 'Journal- och dokumentationsgranskning',
  lakemedelshantering: 'Läkemedelshantering',
  genomforandeplaner: 'Genomförandeplaner',
  kvalitetsregister: 'Kvalitetsregister (t.ex. Senior Alert)',
  brukarundersokning: 'Brukarundersökning',
  oppna_jamforelser: 'Öppna jämförelser / KKiK',
  klagomal_och_avvikelser: 'Sammanställning av klagomål och avvikelser',
  verksamhetsgranskning: 'Verksamhetsgranskning',
  chefens_checklista: 'Chefens årliga checklista',
  sip: 'Samordnad individuell plan (SIP)',
  utbetalningskontroll: 'Utbetalningskontroll',
  personalenkat: 'Personalens attityder (enkät)',
  annan: 'Annan kontroll',
};

export const CONTROL_FREQUENCIES = ['yearly', 'half_yearly', 'tertial', 'quarterly', 'monthly'] as const;
export type ControlFrequency = (typeof CONTROL_FREQUENCIES)[number];

/** A control of the plan (EK-3): what, how, how many, how often, by whom. */
export interface PlannedControl {
  readonly controlId: string;
  readonly kind: EgenkontrollKind;
  readonly title: string;
  readonly method: string;
  /** e.g. "två ärenden per handläggare, tre månader bakåt". */
  readonly sampleRule: string;
  readonly frequency: ControlFrequency;
  readonly responsible: string;
}

export const FINDING_HANDLINGS = ['deviation', 'action', 'none'] as const;
export type FindingHandling = (typeof FINDING_HANDLINGS)[number];

/** A finding: reported as a deviation (a case), turned into an action, or noted without one. */
export interface Finding {
  readonly findingId: string;
  readonly description: string;
  readonly handling: FindingHandling;
  /** The case reported for it (handling `deviation`). */
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  /** The action decided for it (handling `action`). */
  readonly action: ControlAction | null;
}

export interface ControlAction {
  readonly actionId: string;
  readonly title: string;
  readonly owner: string;
  /** `YYYY-MM-DD` */
  readonly dueDate: string;
  readonly completedAt: string | null;
  readonly completionNote: string | null;
}

/** One carried-out control (EK-3): result, analysis, and actions or an explicit "none". */
export interface ControlResult {
  readonly controlId: string;
  /** `2026`, `2026-H1`, `2026-T2`, `2026-Q3`, `2026-M04`. */
  readonly occurrence: string;
  readonly result: string;
  readonly analysis: string;
  readonly findings: readonly Finding[];
  readonly noActions: boolean;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface EgenkontrollPlanState extends LsStateBase {
  readonly unitId: string;
  readonly year: number;
  readonly status: 'draft' | 'adopted';
  readonly adopted: { readonly by: string; readonly at: string } | null;
  readonly controls: readonly PlannedControl[];
  readonly results: readonly ControlResult[];
  readonly createdAt: string;
}

export type RecordResultData = Omit<ControlResult, 'recordedAt' | 'recordedBy'>;

export type EgenkontrollCommand =
  | LsCommand<
      'create-plan',
      {
        readonly planId: string;
        readonly unitId: string;
        readonly year: number;
        readonly controls: readonly PlannedControl[];
      }
    >
  | LsCommand<'add-control', { readonly control: PlannedControl }>
  | LsCommand<'adopt-plan', Record<string, never>>
  | LsCommand<'record-result', RecordResultData>
  | LsCommand<'complete-action', { readonly actionId: string; readonly note: string }>
  | AdvanceDutiesCommand;

export type EgenkontrollEvent =
  | LsEvent<
      'EgenkontrollPlanCreated',
      {
        readonly planId: string;
        readonly unitId: string;
        readonly year: number;
        readonly controls: readonly PlannedControl[];
        readonly at: string;
        readonly by: string;
      }
    >
  | LsEvent<
      'EgenkontrollControlAdded',
      { readonly control: PlannedControl; readonly at: string; readonly by: string }
    >
  | LsEvent<'EgenkontrollPlanAdopted', { readonly at: string; readonly by: string }>
  | LsEvent<'EgenkontrollResultRecorded', ControlResult>
  | LsEvent<
      'EgenkontrollActionCompleted',
      { readonly actionId: string; readonly note: string; readonly at: string; readonly by: string }
    >
  | DutyTasksOpened;
