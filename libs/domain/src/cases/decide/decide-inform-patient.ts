import type { CaseCommandOfType } from '../case-commands';
import { PATIENT_INFORMED_HOW, PATIENT_INFORMED_WHO } from '../case-events';
import type { PatientInformedHow, PatientInformedWho } from '../case-events';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { actingRole } from './acting-role';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { notForType } from './stage-refusals';
import {
  checkDateOrDateTime,
  checkNotInFuture,
  checkOneOf,
  checkOptionalText,
  checkRequiredText,
  firstRefusal,
  invalidField,
  normalisedTimestamp,
  optionalText,
  requiredText,
} from './validation';

const INFORMED_FIELDS = ['informedAt', 'who', 'how', 'note'] as const;

/**
 * "Patient eller närstående ska underrättas" (LC-8 step 3, DL-9): who was told, when and how — or
 * why it was not possible, which also answers the step. Meets `patient_information`; the IVO
 * notification of a lex Maria case waits for it (decide-report-to-ivo). Once the patient is told the
 * step is done; a "not possible" may later be followed by the information itself.
 */
export function decideInformPatient(
  command: CaseCommandOfType<'inform-patient'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const notPossible = data.notPossibleReason !== undefined;
  const refusal = notPossible
    ? firstRefusal(
        checkRequiredText(
          data.notPossibleReason,
          'notPossibleReason',
          'skälet till att informationen inte var möjlig',
        ),
        ...INFORMED_FIELDS.map((field) =>
          data[field] === undefined
            ? null
            : invalidField(
                field,
                'Ange antingen när, vem och hur informationen gavs, eller varför den inte var möjlig — inte båda.',
                'CONFLICT',
              ),
        ),
      )
    : firstRefusal(
        checkDateOrDateTime(data.informedAt, 'informedAt', 'tidpunkt för informationen'),
        checkNotInFuture(String(data.informedAt), 'informedAt', 'tidpunkt för informationen', now),
        checkOneOf(data.who, PATIENT_INFORMED_WHO, 'who', 'vem som informerades'),
        checkOneOf(data.how, PATIENT_INFORMED_HOW, 'how', 'hur informationen gavs'),
        checkOptionalText(data.note, 'note', 'anteckning'),
      );
  if (refusal) return refused(refusal);
  if (state.type !== 'lex_maria') return refused(notForType(state, 'registrera information till patienten'));
  const earlier = state.statutorySteps.patientInformation;
  if (earlier !== null && !earlier.notPossible) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'PATIENT_ALREADY_INFORMED',
        'Informationen till patienten eller närstående är redan registrerad.',
      ),
    );
  }

  const at = now.toISOString();
  const by = command.actor.username;
  const role = actingRole(command.actor, ['mas'], state);
  const note = optionalText(data.note);
  return accepted(
    {
      type: 'PatientInformed',
      data: notPossible
        ? { notPossibleReason: requiredText(data.notPossibleReason!), role, by, at }
        : {
            informedAt: normalisedTimestamp(String(data.informedAt)),
            who: data.who as PatientInformedWho,
            how: data.how as PatientInformedHow,
            ...(note === undefined ? {} : { note }),
            role,
            by,
            at,
          },
    },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('PatientInformed'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('PatientInformed'), at, by),
  );
}
