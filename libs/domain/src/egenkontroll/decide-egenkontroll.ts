import { newRefusal } from '../common/refusal';
import type { Decision, Refusal } from '../common/refusal';
import {
  accept,
  invalid,
  refuse,
  requireLocalDate,
  requireText,
} from '../ledningssystem/ledningssystem-common';
import { decideAdvanceDuties } from '../ledningssystem/ls-aggregate';
import { controlOccurrences } from './control-occurrences';
import { egenkontrollDuties } from './egenkontroll-duties';
import { CONTROL_FREQUENCIES, EGENKONTROLL_KINDS, FINDING_HANDLINGS } from './egenkontroll-types';
import type {
  EgenkontrollCommand,
  EgenkontrollEvent,
  EgenkontrollPlanState,
  PlannedControl,
  RecordResultData,
} from './egenkontroll-types';

const notFound = () =>
  refuse<EgenkontrollEvent>(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Egenkontrollplanen finns inte'));

function validateControl(control: PlannedControl, field: string): Refusal | null {
  if (!EGENKONTROLL_KINDS.includes(control.kind))
    return newRefusal('VALIDATION_FAILED', 'UNKNOWN_KIND', 'Okänd kontrolltyp', `${field}.kind`);
  if (!CONTROL_FREQUENCIES.includes(control.frequency))
    return newRefusal('VALIDATION_FAILED', 'UNKNOWN_FREQUENCY', 'Okänd frekvens', `${field}.frequency`);
  return (
    requireText(control.title, `${field}.title`, 'Kontrollens namn') ??
    requireText(control.method, `${field}.method`, 'Metod') ??
    requireText(control.responsible, `${field}.responsible`, 'Ansvarig')
  );
}

/** EK-3: a control is done only with result, analysis, and actions or an explicit "none". */
function validateResult(state: EgenkontrollPlanState, d: RecordResultData): Refusal | null {
  const control = state.controls.find((c) => c.controlId === d.controlId);
  if (!control)
    return newRefusal('VALIDATION_FAILED', 'UNKNOWN_CONTROL', 'Kontrollen finns inte i planen', 'controlId');
  if (!controlOccurrences(state.year, control.frequency).some((o) => o.key === d.occurrence))
    return newRefusal(
      'VALIDATION_FAILED',
      'UNKNOWN_OCCURRENCE',
      'Tillfället finns inte för kontrollens frekvens',
      'occurrence',
    );
  if (state.results.some((r) => r.controlId === d.controlId && r.occurrence === d.occurrence))
    return newRefusal(
      'ALREADY_EXISTS',
      'RESULT_EXISTS',
      'Resultatet för det tillfället är redan registrerat',
      'occurrence',
    );
  const missing =
    requireText(d.result, 'result', 'Resultat') ?? requireText(d.analysis, 'analysis', 'Analys');
  if (missing) return missing;
  for (const [i, f] of d.findings.entries()) {
    if (!FINDING_HANDLINGS.includes(f.handling))
      return newRefusal(
        'VALIDATION_FAILED',
        'UNKNOWN_HANDLING',
        'Okänd hantering av fyndet',
        `findings[${i}].handling`,
      );
    const text = requireText(f.description, `findings[${i}].description`, 'Fyndets beskrivning');
    if (text) return text;
    if (f.handling === 'action') {
      if (!f.action)
        return newRefusal(
          'VALIDATION_FAILED',
          'REQUIRED',
          'Ett fynd som blir en åtgärd behöver åtgärden',
          `findings[${i}].action`,
        );
      const a =
        requireText(f.action.title, `findings[${i}].action.title`, 'Åtgärdens titel') ??
        requireText(f.action.owner, `findings[${i}].action.owner`, 'Åtgärdens ägare');
      if (a) return a;
      const dueDate = requireLocalDate(
        f.action.dueDate,
        `findings[${i}].action.dueDate`,
        'Åtgärdens slutdatum måste vara ett datum',
      );
      if (dueDate) return dueDate;
    }
    if (f.handling === 'deviation' && !f.caseId)
      return newRefusal(
        'VALIDATION_FAILED',
        'REQUIRED',
        'Ett fynd som blir en avvikelse behöver det rapporterade ärendet',
        `findings[${i}]`,
      );
  }
  const acted = d.findings.some((f) => f.handling !== 'none');
  if (!acted && !d.noActions)
    return newRefusal(
      'VALIDATION_FAILED',
      'ACTIONS_OR_NONE',
      'Ange åtgärder (fynd som blir avvikelse eller åtgärd) eller uttryckligen att inga åtgärder behövs',
      'noActions',
    );
  if (acted && d.noActions)
    return newRefusal(
      'VALIDATION_FAILED',
      'CONTRADICTION',
      '"Inga åtgärder" kan inte anges när fynd leder till åtgärder',
      'noActions',
    );
  return null;
}

/** The decider of a unit's yearly egenkontroll plan (EK-1 … EK-5). */
export function decideEgenkontroll(
  command: EgenkontrollCommand,
  state: EgenkontrollPlanState | null,
  now: Date,
): Decision<EgenkontrollEvent> {
  const at = now.toISOString();
  const by = command.actor.username;
  switch (command.type) {
    case 'create-plan': {
      if (state)
        return refuse(
          newRefusal('ALREADY_EXISTS', 'PLAN_EXISTS', 'Enheten har redan en egenkontrollplan för året'),
        );
      const d = command.data;
      if (!Number.isInteger(d.year) || d.year < 2000 || d.year > 2100)
        return invalid('INVALID_YEAR', 'Ogiltigt år', 'year');
      for (const [i, c] of d.controls.entries()) {
        const invalidControl = validateControl(c, `controls[${i}]`);
        if (invalidControl) return refuse(invalidControl);
      }
      if (new Set(d.controls.map((c) => c.controlId)).size !== d.controls.length)
        return invalid('DUPLICATE_CONTROL', 'Samma kontroll två gånger', 'controls');
      return accept({ type: 'EgenkontrollPlanCreated', data: { ...d, controls: [...d.controls], at, by } });
    }
    case 'add-control': {
      if (!state) return notFound();
      const invalidControl = validateControl(command.data.control, 'control');
      if (invalidControl) return refuse(invalidControl);
      if (state.controls.some((c) => c.controlId === command.data.control.controlId))
        return refuse(newRefusal('ALREADY_EXISTS', 'CONTROL_EXISTS', 'Kontrollen finns redan'));
      return accept({ type: 'EgenkontrollControlAdded', data: { control: command.data.control, at, by } });
    }
    case 'adopt-plan': {
      if (!state) return notFound();
      if (state.status === 'adopted')
        return refuse(newRefusal('INVALID_TRANSITION', 'ALREADY_ADOPTED', 'Planen är redan fastställd'));
      if (state.controls.length === 0)
        return refuse(
          newRefusal('INVALID_TRANSITION', 'EMPTY_PLAN', 'En plan utan kontroller kan inte fastställas'),
        );
      return accept({ type: 'EgenkontrollPlanAdopted', data: { at, by } });
    }
    case 'record-result': {
      if (!state) return notFound();
      if (state.status !== 'adopted')
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'NOT_ADOPTED',
            'Planen måste fastställas innan resultat registreras',
          ),
        );
      const invalidResult = validateResult(state, command.data);
      if (invalidResult) return refuse(invalidResult);
      const d = command.data;
      return accept({
        type: 'EgenkontrollResultRecorded',
        data: {
          ...d,
          result: d.result.trim(),
          analysis: d.analysis.trim(),
          findings: d.findings.map((f) => ({
            ...f,
            action:
              f.handling === 'action' && f.action
                ? { ...f.action, completedAt: null, completionNote: null }
                : null,
          })),
          recordedAt: at,
          recordedBy: by,
        },
      });
    }
    case 'complete-action': {
      if (!state) return notFound();
      const action = state.results
        .flatMap((r) => r.findings)
        .find((f) => f.action?.actionId === command.data.actionId)?.action;
      if (!action)
        return refuse(newRefusal('NOT_FOUND', 'UNKNOWN_ACTION', 'Åtgärden finns inte i planen', 'actionId'));
      if (action.completedAt !== null)
        return refuse(newRefusal('INVALID_TRANSITION', 'ACTION_COMPLETED', 'Åtgärden är redan genomförd'));
      const missing = requireText(command.data.note, 'note', 'Resultat av åtgärden');
      if (missing) return refuse(missing);
      return accept({
        type: 'EgenkontrollActionCompleted',
        data: { actionId: command.data.actionId, note: command.data.note.trim(), at, by },
      });
    }
    case 'advance-duties':
      return decideAdvanceDuties({ duties: egenkontrollDuties }, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}
