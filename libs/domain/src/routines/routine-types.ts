import type { AdoptionDecision, LsActor } from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';

/** Processes (levels 1–3) and routines (levels 2–3) of the registry (PR-1 … PR-5, PR-9, DL-32). */
export const ROUTINE_KINDS = ['process', 'routine'] as const;
export type RoutineKind = (typeof ROUTINE_KINDS)[number];

export const PROCESS_LEVELS = [1, 2, 3] as const;
export type ProcessLevel = (typeof PROCESS_LEVELS)[number];

export const ROUTINE_STATUSES = ['draft', 'adopted', 'repealed'] as const;
export type RoutineStatus = (typeof ROUTINE_STATUSES)[number];

/** One adopted version; all are kept (PR-4). */
export interface RoutineVersion {
  readonly version: string;
  readonly decision: AdoptionDecision;
  /** `YYYY-MM-DD` */
  readonly validFrom: string;
  readonly changeNote: string;
  readonly adoptedAt: string;
  readonly recordedBy: string;
}

export interface RoutineState extends LsStateBase {
  readonly kind: RoutineKind;
  readonly level: ProcessLevel;
  readonly code: string;
  readonly title: string;
  readonly unitId: string;
  /** Processägare or dokumentägare: the person the revision task goes to. */
  readonly owner: string;
  readonly administrator: string | null;
  readonly parentId: string | null;
  /** ISO-8601, mandatory (PR-5, DL-32). */
  readonly revisionInterval: string;
  /** Counterparts of samverkan (PR-6). */
  readonly cooperation: readonly string[];
  readonly status: RoutineStatus;
  readonly versions: readonly RoutineVersion[];
  /** `YYYY-MM-DD`: valid-from of the current version + the interval. */
  readonly nextRevisionDue: string | null;
  readonly registeredAt: string;
  readonly repeal: {
    readonly decision: AdoptionDecision;
    readonly reason: string;
    readonly at: string;
  } | null;
}

export interface RegisterRoutineData {
  readonly routineId: string;
  readonly kind: RoutineKind;
  readonly level: ProcessLevel;
  readonly code: string;
  readonly title: string;
  readonly unitId: string;
  readonly owner: string;
  readonly administrator?: string | null;
  readonly parentId?: string | null;
  readonly revisionInterval: string;
  readonly cooperation?: readonly string[];
}

export type RoutineCommand =
  | { readonly type: 'register'; readonly actor: LsActor; readonly data: RegisterRoutineData }
  | {
      readonly type: 'adopt-version';
      readonly actor: LsActor;
      readonly data: {
        readonly version: string;
        readonly decision: AdoptionDecision;
        readonly validFrom: string;
        readonly changeNote: string;
      };
    }
  | {
      readonly type: 'change-owner';
      readonly actor: LsActor;
      readonly data: { readonly owner: string; readonly administrator?: string | null };
    }
  | {
      readonly type: 'repeal';
      readonly actor: LsActor;
      readonly data: { readonly decision: AdoptionDecision; readonly reason: string };
    }
  | AdvanceDutiesCommand;

export type RoutineEvent =
  | LsEvent<
      'RoutineRegistered',
      RegisterRoutineData & { readonly registeredAt: string; readonly registeredBy: string }
    >
  | LsEvent<'RoutineVersionAdopted', RoutineVersion & { readonly nextRevisionDue: string }>
  | LsEvent<
      'RoutineOwnershipChanged',
      {
        readonly owner: string;
        readonly administrator: string | null;
        readonly at: string;
        readonly changedBy: string;
      }
    >
  | LsEvent<
      'RoutineRepealed',
      {
        readonly decision: AdoptionDecision;
        readonly reason: string;
        readonly at: string;
        readonly repealedBy: string;
      }
    >
  | DutyTasksOpened;
