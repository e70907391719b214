import type { CaseCommandOfType } from '../case-commands';
import { isVardskadaOutcome } from '../case-outcome';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { actingRole } from './acting-role';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { notForType } from './stage-refusals';
import { checkDateOrDateTime, checkNotInFuture, firstRefusal, normalisedTimestamp } from './validation';

/** A lex Maria case always needs the journal note; an HSL deviation once it is judged a vårdskada. */
function refusalForCase(state: CaseAggregateState) {
  if (state.type === 'lex_maria') return null;
  if (state.type !== 'hsl_deviation') return notForType(state, 'bekräfta journalanteckning');
  if (state.decision !== null && isVardskadaOutcome(state.decision.outcome)) return null;
  return caseRefusal(
    'INVALID_TRANSITION',
    'VARDSKADA_REQUIRED',
    'Journalanteckning bekräftas för en HSL-avvikelse först när beslutet är vårdskada eller allvarlig vårdskada.',
  );
}

/** The vårdskada is noted in the patient's journal (LC-7, LC-8 step 4); recorded once. */
export function decideConfirmJournalNote(
  command: CaseCommandOfType<'confirm-journal-note'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal =
    firstRefusal(
      checkDateOrDateTime(data.notedAt, 'notedAt', 'datum för journalanteckningen'),
      checkNotInFuture(String(data.notedAt), 'notedAt', 'datum för journalanteckningen', now),
    ) ?? refusalForCase(state);
  if (refusal) return refused(refusal);
  if (state.statutorySteps.journalNotedAt !== null) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'JOURNAL_NOTE_ALREADY_CONFIRMED',
        'Journalanteckningen är redan bekräftad.',
      ),
    );
  }
  return accepted({
    type: 'JournalNoteConfirmed',
    data: {
      notedAt: normalisedTimestamp(String(data.notedAt)),
      role: actingRole(command.actor, ['mas'], state),
      by: command.actor.username,
      at: now.toISOString(),
    },
  });
}
