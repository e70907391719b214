import { caseRefusal } from '../case-refusal';
import type { CaseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import type { CaseType } from '../case-type';
import { DELEGATION_DECISION_LABELS, type DelegationDecision } from '../../delegations/delegation-register';
import type { HeldDelegation } from '../../delegations/held-delegations';
import type { CaseCommandOfType } from '../case-commands';

type DelegatedCommand = CaseCommandOfType<'decide' | 'report-to-ivo' | 'classify'>;

/**
 * The decision of the delegation register a command needs (AUD-6, LC-6 S5, LC-8 steps 1 and 5):
 * `decide` and `report-to-ivo` on lex Sarah and lex Maria, and `classify` by the MAS of a case that
 * is or becomes lex Maria. Null when none is needed.
 */
export function requiredDelegation(
  command: DelegatedCommand,
  state: CaseAggregateState,
): DelegationDecision | null {
  const prefix = (type: CaseType): 'lex_sarah' | 'lex_maria' | null =>
    type === 'lex_sarah' || type === 'lex_maria' ? type : null;
  switch (command.type) {
    case 'decide': {
      const lex = prefix(state.type);
      return lex === null ? null : `${lex}_decision`;
    }
    case 'report-to-ivo': {
      const lex = prefix(state.type);
      return lex === null ? null : `${lex}_ivo_report`;
    }
    case 'classify':
      return command.actor.roles.includes('mas') && (command.data.type ?? state.type) === 'lex_maria'
        ? 'lex_maria_classification'
        : null;
  }
}

export type DelegationCheck =
  { readonly refusal: CaseRefusal } | { readonly refusal: null; readonly delegation: HeldDelegation | null };

/**
 * The last check of a delegated command, after its own validation and stage checks (api.md: 403 →
 * INVALID_TRANSITION → DELEGATION_MISSING). `command.delegations` are what the caller holds on the
 * day, resolved from the register by the command service; a command without them was not given
 * through the service (the domain's own specs) and is not checked.
 */
export function checkDelegation(command: DelegatedCommand, state: CaseAggregateState): DelegationCheck {
  const decision = requiredDelegation(command, state);
  if (decision === null || command.delegations === undefined) return { refusal: null, delegation: null };
  const held = command.delegations.find((d) => d.decision === decision);
  if (held !== undefined)
    return { refusal: null, delegation: { decision, boardDecision: held.boardDecision } };
  return {
    refusal: caseRefusal(
      'DELEGATION_MISSING',
      'DELEGATION_MISSING',
      `Du saknar en giltig delegation i dag för ${DELEGATION_DECISION_LABELS[decision]} (${decision}); delegationsförteckningen anger vem som får fatta beslutet.`,
    ),
  };
}
