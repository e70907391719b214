import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import { stockholmDateOf, stockholmStartOfDay } from '../calendar/stockholm-time';
import { addPolicyDuration } from '../policy/add-policy-duration';
import type { Duty } from '../ledningssystem/duty';
import {
  accept,
  invalid,
  refuse,
  requireLocalDate,
  requireText,
} from '../ledningssystem/ledningssystem-common';
import type { LsAggregate } from '../ledningssystem/ls-aggregate';
import { decideAdvanceDuties, evolveLs, withSettledTasks } from '../ledningssystem/ls-aggregate';
import { INFORMATION_METHODS } from './training-types';
import type { TrainingCommand, TrainingEvent, TrainingRecordState } from './training-types';

/** DL-29 "vid nyanställning samt därefter årligen": within two weeks of hire (inferred), then yearly. */
export const LEX_SARAH_INFORMATION_AT_HIRE = 'P14D';
export const LEX_SARAH_INFORMATION_INTERVAL = 'P1Y';

const plusDays = (date: string, duration: string) =>
  stockholmDateOf(addPolicyDuration(stockholmStartOfDay(date), duration));

/** The employee's pending information, for the unit's manager (R-6: "informs staff about lex Sarah"). */
export function trainingDuties(state: TrainingRecordState): Duty[] {
  if (state.status !== 'active' || state.nextDue === null) return [];
  const first = state.informations.length === 0;
  return [
    {
      key: `information/${state.nextDue}`,
      kind: 'lex_sarah_information',
      title: first
        ? `Informera nyanställd ${state.username} om lex Sarah`
        : `Årlig information om lex Sarah till ${state.username}`,
      dueAt: stockholmStartOfDay(state.nextDue).toISOString(),
      assigneeRole: 'unit_manager',
      unitId: state.unitId,
    },
  ];
}

export function decideTraining(
  command: TrainingCommand,
  state: TrainingRecordState | null,
  now: Date,
): Decision<TrainingEvent> {
  const at = now.toISOString();
  const by = command.actor.username;
  if (command.type !== 'register-employee' && command.type !== 'advance-duties' && !state)
    return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Personen finns inte i registret'));
  if (
    (command.type === 'record-information' ||
      command.type === 'move-unit' ||
      command.type === 'record-leaving') &&
    state?.status === 'left'
  )
    return refuse(newRefusal('INVALID_TRANSITION', 'LEFT', 'Personen har slutat'));
  switch (command.type) {
    case 'register-employee': {
      if (state)
        return refuse(newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Personen finns redan i registret'));
      const d = command.data;
      const missing = requireText(d.username, 'username', 'Användarnamn');
      if (missing) return refuse(missing);
      const hiredOn = requireLocalDate(d.hiredOn, 'hiredOn', 'Anställningsdatum måste vara ett datum');
      if (hiredOn) return refuse(hiredOn);
      return accept({
        type: 'EmployeeRegistered',
        data: { ...d, nextDue: plusDays(d.hiredOn, LEX_SARAH_INFORMATION_AT_HIRE), at, by },
      });
    }
    case 'record-information': {
      const d = command.data;
      if (!INFORMATION_METHODS.includes(d.method)) return invalid('UNKNOWN_METHOD', 'Okänt sätt', 'method');
      const informedOn = requireLocalDate(d.informedOn, 'informedOn', 'Datum måste vara ett datum');
      if (informedOn) return refuse(informedOn);
      if (d.informedOn > stockholmDateOf(now))
        return invalid('IN_FUTURE', 'Informationen kan inte registreras i förväg', 'informedOn');
      if (d.informedOn < state!.hiredOn)
        return invalid('BEFORE_HIRE', 'Datumet ligger före anställningen', 'informedOn');
      const last = state!.informations[state!.informations.length - 1];
      if (last && d.informedOn < last.informedOn)
        return invalid(
          'BEFORE_LAST',
          'Datumet ligger före den senast registrerade informationen',
          'informedOn',
        );
      return accept({
        type: 'LexSarahInformationGiven',
        data: {
          ...d,
          kind: state!.informations.length === 0 ? 'at_hire' : 'yearly',
          recordedBy: by,
          recordedAt: at,
          nextDue: plusDays(d.informedOn, LEX_SARAH_INFORMATION_INTERVAL),
        },
      });
    }
    case 'move-unit':
      if (command.data.unitId === state!.unitId) return accept();
      return accept({ type: 'EmployeeMoved', data: { unitId: command.data.unitId, at, by } });
    case 'record-leaving': {
      const leftOn = requireLocalDate(command.data.leftOn, 'leftOn', 'Slutdatum måste vara ett datum');
      if (leftOn) return refuse(leftOn);
      return accept({ type: 'EmployeeLeft', data: { leftOn: command.data.leftOn, at, by } });
    }
    case 'advance-duties':
      return decideAdvanceDuties({ duties: trainingDuties }, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

export const evolveTraining = evolveLs<TrainingRecordState, TrainingEvent, 'EmployeeRegistered'>({
  createdBy: 'EmployeeRegistered',
  created: ({ data: d }, version) => ({
    id: d.recordId,
    version,
    tasks: [],
    username: d.username,
    unitId: d.unitId,
    hiredOn: d.hiredOn,
    informations: [],
    nextDue: d.nextDue,
    status: 'active',
    leftOn: null,
  }),
  changed: (state, event, version) => {
    switch (event.type) {
      case 'LexSarahInformationGiven': {
        const { nextDue, ...info } = event.data;
        const next: TrainingRecordState = {
          ...state,
          version,
          informations: [...state.informations, info],
          nextDue,
        };
        return withSettledTasks(next, trainingDuties(next), info.recordedAt);
      }
      case 'EmployeeMoved':
        return { ...state, version, unitId: event.data.unitId };
      case 'EmployeeLeft': {
        const next: TrainingRecordState = {
          ...state,
          version,
          status: 'left',
          leftOn: event.data.leftOn,
          nextDue: null,
        };
        return withSettledTasks(next, [], event.data.at);
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
});

export const TRAINING_AGGREGATE: LsAggregate<TrainingRecordState, TrainingCommand, TrainingEvent> = {
  aggregateType: 'training',
  decide: decideTraining,
  evolve: evolveTraining,
  duties: trainingDuties,
  label: (state) => `Lex Sarah-info: ${state.username}`,
  finished: (state) => state.status === 'left',
};
