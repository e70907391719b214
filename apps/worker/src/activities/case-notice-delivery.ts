import {
  CASE_OUTCOME_LABELS,
  CASE_TYPE_LABELS,
  type CaseAggregateState,
  type CaseOutcome,
  type CaseType,
  maskPersonnummer,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { Mailer } from '@kvalitet/notifications';
import { createLogger } from '@kvalitet/runtime';

/** What the delivery needs of the database: typeorm's DataSource and pg's Pool both fit. */
interface NoticeDatabase {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface CaseNoticeDeliveryDeps {
  /** The in-app store (`user_notifications`); absent: mail only. */
  readonly db?: NoticeDatabase;
  readonly mailer?: Pick<Mailer, 'send'>;
}

/** A case and its history, as the activity loaded it from the event store. */
export interface CaseNoticeSource {
  readonly state: CaseAggregateState;
  readonly events: readonly EventEnvelope[];
}

export interface CaseNoticeDelivery {
  /** Sends the notice the event calls for; false when there is nobody to tell (no e-mail address left). */
  deliver(kind: 'answer' | 'outcome', eventId: string, source: CaseNoticeSource): Promise<boolean>;
}

const logger = createLogger('worker');

type Data = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function reportedData(events: readonly EventEnvelope[]): Data {
  return (events.find((event) => event.type === 'CaseReported')?.data ?? {}) as Data;
}

/** The complainant's e-mail address, if one was left and has not been erased. */
function complainantEmail(events: readonly EventEnvelope[]): string | undefined {
  const contact = reportedData(events)['contact'];
  const email =
    typeof contact === 'object' && contact !== null ? text((contact as Data)['email']) : undefined;
  return email !== undefined && EMAIL.test(email) ? email : undefined;
}

const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  letter: 'brev',
  email: 'e-post',
  phone: 'telefon',
  meeting: 'möte',
  digital: 'digitalt',
};

/** The answer as the complainant reads it: the case number and what was answered, nothing internal. */
function answerMail(state: CaseAggregateState, data: Data): { subject: string; text: string } {
  const what = state.type === 'suggestion' ? 'din synpunkt' : 'ditt klagomål';
  return {
    subject: `Svar på ${what} (${state.caseNumber})`,
    text: [
      `Hej!`,
      `Här är vårt svar på ${what}, ärende ${state.caseNumber}:`,
      // Protected identity (ADR 0029): no free text by mail; the answer itself went by its own channel.
      state.protectedIdentity === true
        ? 'Av hänsyn till skyddade personuppgifter står svaret inte i e-postmeddelandet.'
        : (text(data['summary']) ?? ''),
      `Svaret lämnades även via ${CHANNEL_WORDS[text(data['channel']) ?? ''] ?? 'annan kanal'}.`,
      'Med vänliga hälsningar\nSocialförvaltningen',
    ].join('\n\n'),
  };
}

/**
 * The outcome a staff reporter is told (IMP-8): the classification, the outcome and the actions — no
 * description, no names, no person reference, no owners of actions.
 */
export function outcomeNotice(
  state: CaseAggregateState,
  events: readonly EventEnvelope[],
): { title: string; body: string; details: Data } {
  const titles = new Map<string, string>();
  for (const event of events)
    if (event.type === 'ActionAdded')
      titles.set(String(event.data['actionId']), text(event.data['title']) ?? '');
  const withheld = state.protectedIdentity === true;
  const actions = Object.values(state.actions).map((action) => ({
    // Protected identity (ADR 0029): an action's title may name the person; notices carry none.
    // Otherwise the title leaves the case, so a personnummer typed into it is masked (issue 21).
    title: withheld ? 'Skyddade personuppgifter' : maskPersonnummer(titles.get(action.id) ?? ''),
    level: action.level,
    status: action.status,
  }));
  const classification = {
    type: state.type,
    typeLabel: CASE_TYPE_LABELS[state.type as CaseType] ?? state.type,
    category: state.category ?? null,
    lagrum: state.lagrum ?? null,
  };
  const outcome = state.decision ? state.decision.outcome : null;
  const outcomeLabel = outcome ? (CASE_OUTCOME_LABELS[outcome as CaseOutcome] ?? outcome) : null;
  const lines = [
    `Avvikelsen du rapporterade (${state.caseNumber}) är avslutad.`,
    `Klassificering: ${classification.typeLabel}${classification.category ? `, ${classification.category}` : ''}.`,
    `Utfall: ${outcomeLabel ?? 'utredd utan särskilt beslut'}.`,
    actions.length === 0
      ? 'Inga åtgärder behövdes.'
      : `Åtgärder:\n${actions.map((a) => `– ${a.title} (${a.level === 'organisational' ? 'organisationsnivå' : 'individnivå'})`).join('\n')}`,
    'Tack för att du rapporterade. Det gör verksamheten säkrare.',
  ];
  return {
    title: `Avvikelsen ${state.caseNumber} är avslutad`,
    body: lines.join('\n\n'),
    details: { caseNumber: state.caseNumber, classification, outcome, outcomeLabel, actions },
  };
}

/**
 * Delivers the answer to a complainant (by mail, when an address was left) and the outcome notice to
 * the staff member who reported a deviation (in-app and by mail to their address). Keyed by the
 * event: the mailer and the in-app store each keep one per key, so a retried activity sends once.
 */
export function createCaseNoticeDelivery(deps: CaseNoticeDeliveryDeps): CaseNoticeDelivery {
  return {
    async deliver(kind, eventId, { state, events }) {
      const event = events.find((e) => e.id === eventId);
      if (!event) return false;
      if (kind === 'answer') {
        const email = complainantEmail(events);
        if (!email || !deps.mailer) return false;
        const result = await deps.mailer.send({
          key: `case-answer/${eventId}`,
          caseId: state.id,
          to: [email],
          ...answerMail(state, event.data as Data),
        });
        logger.info({ caseId: state.id, mailId: result.id, duplicate: result.duplicate }, 'svar e-postat');
        return true;
      }
      const reporter = reportedData(events)['reporter'];
      const username =
        typeof reporter === 'object' && reporter !== null ? text((reporter as Data)['username']) : undefined;
      if (!username) return false;
      const notice = outcomeNotice(state, events);
      const key = `case-outcome/${eventId}`;
      if (deps.db)
        await deps.db.query(
          `INSERT INTO user_notifications (key, username, kind, case_id, case_number, title, body, details, created_at)
           VALUES ($1, $2, 'case_outcome', $3, $4, $5, $6, $7::jsonb, $8)
           ON CONFLICT (key) DO NOTHING`,
          [
            key,
            username.toLowerCase(),
            state.id,
            state.caseNumber,
            notice.title,
            notice.body,
            JSON.stringify(notice.details),
            text(event.data['at']) ?? event.occurredAt,
          ],
        );
      if (deps.mailer) {
        try {
          await deps.mailer.send({
            key,
            caseId: state.id,
            to: [username],
            subject: notice.title,
            text: notice.body,
          });
        } catch (error) {
          // A reporter written as a name rather than a username has no address: in-app only.
          if (!(error instanceof RangeError)) throw error;
        }
      }
      return true;
    },
  };
}
