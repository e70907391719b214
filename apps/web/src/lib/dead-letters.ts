import type { DeadLetterSummary, Role } from '../api/types';

const DEAD_LETTER_REPLAY_COMMAND = 'npm run dead-letters -- replay';

/** The api answers only the quality function; other roles never ask. */
export function mayReadDeadLetters(roles: readonly string[]): boolean {
  return roles.includes('quality_coordinator' satisfies Role);
}

/** What a consumer keeps up to date, in words a coordinator knows; by the name's last part. */
const CONSUMER_PARTS: readonly [suffix: string, part: string][] = [
  ['risk-assessment-orchestrator', 'riskanalysernas arbetsflöden'],
  ['ledningssystem-orchestrator', 'registrens påminnelser'],
  ['report-approval-signals', 'påminnelserna om berättelserna'],
  ['case-orchestrator', 'ärendenas arbetsflöden (frister och uppgifter)'],
  ['case-read-model', 'ärendelistan och uppgiftsinkorgen'],
  ['statistics', 'statistiken'],
  ['person-notifications', 'notiserna och e-posten till de berörda'],
  ['work-task-notifications', 'notiserna om nya uppgifter i riskanalyser och förbättringsarbete'],
];

/** `kvalitet.case-orchestrator` → "ärendenas arbetsflöden (frister och uppgifter)"; unknown names as they are. */
export function consumerPart(consumer: string): string {
  const last = consumer.slice(consumer.lastIndexOf('.') + 1);
  return CONSUMER_PARTS.find(([suffix]) => last === suffix)?.[1] ?? consumer;
}

/** "a", "a och b", "a, b och c". */
export function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

export function deadLetterTitle(open: number): string {
  return open === 1 ? '1 händelse kunde inte hanteras' : `${open} händelser kunde inte hanteras`;
}

export interface DeadLetterWarning {
  title: string;
  /** What happened and which parts of the system are behind because of it. */
  what: string;
  /** When the oldest was stopped; empty if the api did not say. */
  oldest: string;
  /** Who can retry them, leading up to the command. */
  retry: string;
  command: string;
}

/** The warning's sentences, or null when nothing is open; `formatDate` renders the oldest date. */
export function describeDeadLetters(
  summary: DeadLetterSummary,
  formatDate: (iso: string) => string,
): DeadLetterWarning | null {
  if (summary.open <= 0) return null;
  const one = summary.open === 1;
  const parts = joinSwedish([...new Set(summary.byConsumer.map((c) => consumerPart(c.consumer)))]);
  const date = summary.oldestAt ? formatDate(summary.oldestAt) : '';
  return {
    title: deadLetterTitle(summary.open),
    what: one
      ? `Händelsen stoppades efter upprepade fel och har inte kommit fram till ${parts}. Där kan det saknas information tills den har hanterats.`
      : `Händelserna stoppades efter upprepade fel och har inte kommit fram till ${parts}. Där kan det saknas information tills de har hanterats.`,
    oldest: date ? (one ? `Den stoppades ${date}.` : `Den äldsta stoppades ${date}.`) : '',
    retry: `Kontakta IT-driften. De kan försöka igen med kommandot`,
    command: DEAD_LETTER_REPLAY_COMMAND,
  };
}
