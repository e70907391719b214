import { statutoryChecklist } from '@kvalitet/domain';
import type { CaseAggregateState, StatutoryStep } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';

/**
 * The statutory steps on the case page (api.md v1.1; LC-7, LC-8, DL-6, DL-9): the checklist judged
 * by the domain, and what each recorded step says, with actor, role and time. The notes are free text
 * from the events (erased ones read `[raderad]`, ADR 0002).
 */
export interface PatientInformationView {
  informedAt?: string;
  who?: string;
  how?: string;
  note?: string;
  notPossibleReason?: string;
  role: string;
  by: string;
  at: string;
}

export interface JournalNoteView {
  notedAt: string;
  role: string;
  by: string;
  at: string;
}

export interface BoardInformationView {
  meetingDate: string;
  paragraph?: string;
  role: string;
  by: string;
  at: string;
}

export interface IvoDecisionView {
  decidedAt: string;
  summary: string;
  reopened: boolean;
  role: string;
  by: string;
  at: string;
}

export interface StatutoryStepsView {
  statutorySteps: StatutoryStep[];
  patientInformation: PatientInformationView | null;
  journalNote: JournalNoteView | null;
  boardInformation: BoardInformationView | null;
  ivoDecisions: IvoDecisionView[];
}

type Data = Record<string, unknown>;

function texts<K extends string>(data: Data, keys: readonly K[]): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  for (const key of keys) if (typeof data[key] === 'string') result[key] = data[key] as string;
  return result;
}

const actorOf = (data: Data) => ({
  role: String(data['role'] ?? ''),
  by: String(data['by'] ?? ''),
  at: String(data['at'] ?? ''),
});

export function statutoryStepsView(
  state: CaseAggregateState,
  events: readonly EventEnvelope[],
): StatutoryStepsView {
  const view: StatutoryStepsView = {
    statutorySteps: statutoryChecklist(state),
    patientInformation: null,
    journalNote: null,
    boardInformation: null,
    ivoDecisions: [],
  };
  for (const event of events) {
    const data = event.data as Data;
    switch (event.type) {
      case 'PatientInformed':
        view.patientInformation = {
          ...texts(data, ['informedAt', 'who', 'how', 'note', 'notPossibleReason'] as const),
          ...actorOf(data),
        };
        break;
      case 'JournalNoteConfirmed':
        view.journalNote = { notedAt: String(data['notedAt'] ?? ''), ...actorOf(data) };
        break;
      case 'BoardInformed':
        view.boardInformation = {
          meetingDate: String(data['meetingDate'] ?? ''),
          ...texts(data, ['paragraph'] as const),
          ...actorOf(data),
        };
        break;
      case 'IvoDecisionRecorded':
        view.ivoDecisions.push({
          decidedAt: String(data['decidedAt'] ?? ''),
          summary: String(data['summary'] ?? ''),
          reopened: data['reopened'] === true,
          ...actorOf(data),
        });
        break;
    }
  }
  return view;
}
