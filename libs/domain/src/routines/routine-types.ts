import type { AdoptionDecision, LsCommand } from '../ledningssystem/ledningssystem-common';
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

/** What a registered document is and who answers for it, as registered and as kept. */
export interface RoutineHeading {
  readonly kind: RoutineKind;
  readonly level: ProcessLevel;
  readonly code: string;
  readonly title: string;
  readonly unitId: string;
  /** Processägare or dokumentägare: the person the revision task goes to. */
  readonly owner: string;
}

export interface RoutineState extends LsStateBase, RoutineHeading {
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
  /** Cases that show how the document works in practice (PR-8). */
  readonly caseLinks: readonly RoutineCaseLink[];
  /** Reviews asked for because a case showed the document "inte ändamålsenlig" (PR-8). */
  readonly reviewRequests: readonly RoutineReviewRequest[];
}

/** A case linked to the document; number and type as they were when linked, so they can be shown to anyone. */
export interface RoutineCaseLink {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly caseType: string;
  readonly note: string;
  readonly linkedAt: string;
  readonly linkedBy: string;
}

/** Open until a new version is adopted: the new version is the review's answer. */
export interface RoutineReviewRequest {
  readonly requestId: string;
  readonly caseId: string;
  readonly reason: string;
  readonly requestedAt: string;
  readonly requestedBy: string;
  readonly answeredAt: string | null;
}

export interface RegisterRoutineData extends RoutineHeading {
  readonly routineId: string;
  readonly administrator?: string | null;
  readonly parentId?: string | null;
  readonly revisionInterval: string;
  readonly cooperation?: readonly string[];
}

export type RoutineCommand =
  | LsCommand<'register', RegisterRoutineData>
  | LsCommand<
      'adopt-version',
      {
        readonly version: string;
        readonly decision: AdoptionDecision;
        readonly validFrom: string;
        readonly changeNote: string;
      }
    >
  | LsCommand<'change-owner', { readonly owner: string; readonly administrator?: string | null }>
  | LsCommand<'repeal', { readonly decision: AdoptionDecision; readonly reason: string }>
  | LsCommand<
      'link-case',
      {
        readonly caseId: string;
        readonly caseNumber: string;
        readonly caseType: string;
        readonly note: string;
      }
    >
  | LsCommand<
      'request-review',
      { readonly requestId: string; readonly caseId: string; readonly reason: string }
    >
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
  | LsEvent<'RoutineCaseLinked', RoutineCaseLink>
  | LsEvent<'RoutineReviewRequested', Omit<RoutineReviewRequest, 'answeredAt'>>
  | DutyTasksOpened;
