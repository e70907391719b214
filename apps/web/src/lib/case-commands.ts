import { CASE_USER_COMMAND_TYPES, type CaseUserCommandType } from '@kvalitet/domain';
import type { CaseView } from '../api/types';

/**
 * The commands people send on a case (`POST /cases/{id}/{command}`), in process order: the domain's
 * list, which the api also serves (issue 22). A new command fails the typecheck below until it has a
 * label, a place in `fitsState` and a form (command-forms.ts).
 */
export type CommandName = CaseUserCommandType;

export const COMMAND_ORDER: readonly CommandName[] = CASE_USER_COMMAND_TYPES;

export const COMMAND_LABELS: Readonly<Record<CommandName, string>> = {
  acknowledge: 'Ge återkoppling',
  assign: 'Utse utredare',
  classify: 'Klassificera',
  'start-investigation': 'Starta utredning',
  'record-investigation': 'Registrera utredning',
  decide: 'Fatta beslut',
  'report-to-ivo': 'Registrera anmälan till IVO',
  'assess-breach': 'Bedöm personuppgiftsincidenten',
  'report-to-imy': 'Registrera anmälan till IMY',
  'add-action': 'Lägg till åtgärd',
  'complete-action': 'Markera åtgärd som genomförd',
  'follow-up': 'Följ upp åtgärder',
  close: 'Avsluta ärendet',
  reopen: 'Återöppna ärendet',
};

export function commandLabel(name: string): string {
  return (COMMAND_LABELS as Record<string, string>)[name] ?? name;
}

/**
 * Whether a command makes sense in the case's present state, so the page offers the next steps
 * rather than every command the role has. This is a convenience, not a rule: the api decides
 * (409 with its Swedish reason), and a command is never hidden where the domain could accept it.
 */
function fitsState(command: CommandName, c: CaseView): boolean {
  const open = c.stage !== 'closed';
  switch (command) {
    case 'acknowledge':
      return open && c.acknowledged === null;
    case 'assign':
    case 'classify':
    case 'close':
      return open;
    case 'start-investigation':
      return c.stage === 'reported' && c.type !== 'praise';
    case 'record-investigation':
      return c.stage === 'investigating';
    case 'decide':
      return open && c.stage !== 'reported' && c.decision === null;
    case 'report-to-ivo':
      return c.decision?.requiresIvoReport === true && c.ivoReport === null;
    case 'assess-breach':
    case 'report-to-imy':
      return open && c.type === 'data_breach' && !c.imyReport;
    case 'add-action':
      return c.stage === 'investigating' || c.stage === 'acting' || c.stage === 'following_up';
    case 'complete-action':
      return c.actions.some((a) => a.status === 'open');
    case 'follow-up':
      return open && (c.actions.some((a) => a.status === 'completed') || c.stage === 'following_up');
    case 'reopen':
      return c.stage === 'closed';
  }
}

/** The commands to show: those the api says the user's role allows, that fit the case's state, in process order. */
export function availableCommands(c: CaseView): CommandName[] {
  const allowed = new Set(c.allowedCommands ?? []);
  return COMMAND_ORDER.filter((command) => allowed.has(command) && fitsState(command, c));
}
