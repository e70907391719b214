import type { LsCommand } from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';

/** How the employee was told about the lex Sarah duty (DL-29, IMP-9). */
export const INFORMATION_METHODS = ['introduktion', 'apt', 'e_utbildning', 'samtal', 'annat'] as const;
export type InformationMethod = (typeof INFORMATION_METHODS)[number];

export interface InformationRecord {
  /** `YYYY-MM-DD` */
  readonly informedOn: string;
  readonly method: InformationMethod;
  readonly kind: 'at_hire' | 'yearly';
  /** IMP-9: the employee acknowledged the reporting duty and knows where to turn. */
  readonly acknowledged: boolean;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface TrainingRecordState extends LsStateBase {
  readonly username: string;
  readonly unitId: string;
  /** `YYYY-MM-DD` */
  readonly hiredOn: string;
  readonly informations: readonly InformationRecord[];
  /** `YYYY-MM-DD`: at hire within the policy's window, then a year after the last information. */
  readonly nextDue: string | null;
  readonly status: 'active' | 'left';
  readonly leftOn: string | null;
}

export type TrainingCommand =
  | LsCommand<
      'register-employee',
      {
        readonly recordId: string;
        readonly username: string;
        readonly unitId: string;
        readonly hiredOn: string;
      }
    >
  | LsCommand<
      'record-information',
      { readonly informedOn: string; readonly method: InformationMethod; readonly acknowledged: boolean }
    >
  | LsCommand<'move-unit', { readonly unitId: string }>
  | LsCommand<'record-leaving', { readonly leftOn: string }>
  | AdvanceDutiesCommand;

export type TrainingEvent =
  | LsEvent<
      'EmployeeRegistered',
      {
        readonly recordId: string;
        readonly username: string;
        readonly unitId: string;
        readonly hiredOn: string;
        readonly nextDue: string;
        readonly at: string;
        readonly by: string;
      }
    >
  | LsEvent<'LexSarahInformationGiven', InformationRecord & { readonly nextDue: string }>
  | LsEvent<'EmployeeMoved', { readonly unitId: string; readonly at: string; readonly by: string }>
  | LsEvent<'EmployeeLeft', { readonly leftOn: string; readonly at: string; readonly by: string }>
  | DutyTasksOpened;
