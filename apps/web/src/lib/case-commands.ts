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
  respond: 'Besvara',
  'inform-patient': 'Registrera information till patient/närstående',
  'confirm-journal-note': 'Bekräfta journalanteckning',
  'inform-board': 'Registrera att nämnden informerats',
  'record-ivo-decision': 'Registrera IVO:s beslut',
  link: 'Länka ärende',
  escalate: 'Eskalera',
  'add-action': 'Lägg till åtgärd',
  'complete-action': 'Markera åtgärd som genomförd',
  'follow-up': 'Följ upp åtgärder',
  close: 'Avsluta ärendet',
  reopen: 'Återöppna ärendet',
  'mark-protected-identity': 'Markera skyddade personuppgifter',
  'unmark-protected-identity': 'Ta bort markering om skyddade personuppgifter',
};

export function commandLabel(name: string): string {
  return (COMMAND_LABELS as Record<string, string>)[name] ?? name;
}

/** The label of a command on this case: the escalation names where it goes (LC-2). */
export function commandLabelFor(command: CommandName, c: Pick<CaseView, 'type'>): string {
  if (command === 'escalate')
    return c.type === 'hsl_deviation' ? 'Eskalera till lex Maria' : 'Eskalera till lex Sarah';
  return COMMAND_LABELS[command];
}

const STEP_OF = {
  'inform-patient': 'patient_information',
  'confirm-journal-note': 'journal_note',
  'inform-board': 'board_information',
} as const;

/** A statutory step of the case's checklist that is still to be done (due or overdue). */
function stepIsOpen(c: CaseView, key: string): boolean {
  const step = (c.statutorySteps ?? []).find((s) => s.key === key);
  return step !== undefined && (step.status === 'due' || step.status === 'overdue');
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
    case 'respond':
      return open && ['complaint', 'suggestion', 'external_finding'].includes(c.type);
    case 'add-action':
      return c.stage === 'investigating' || c.stage === 'acting' || c.stage === 'following_up';
    case 'complete-action':
      return c.actions.some((a) => a.status === 'open');
    case 'follow-up':
      return open && (c.actions.some((a) => a.status === 'completed') || c.stage === 'following_up');
    case 'reopen':
      return c.stage === 'closed';
    case 'mark-protected-identity':
      return !c.protectedIdentity;
    case 'unmark-protected-identity':
      return c.protectedIdentity;
    case 'inform-patient':
    case 'confirm-journal-note':
    case 'inform-board':
      return open && stepIsOpen(c, STEP_OF[command]);
    case 'record-ivo-decision':
      return c.ivoReport !== null;
    case 'link':
      return true;
    case 'escalate':
      return (
        open &&
        (c.type === 'deviation' || c.type === 'hsl_deviation') &&
        !c.links.some((link) => link.escalatedTo !== undefined)
      );
  }
}

/** The commands to show: those the api says the user's role allows, that fit the case's state, in process order. */
export function availableCommands(c: CaseView): CommandName[] {
  const allowed = new Set(c.allowedCommands ?? []);
  return COMMAND_ORDER.filter((command) => allowed.has(command) && fitsState(command, c));
}
