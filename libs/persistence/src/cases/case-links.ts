import { caseRefusal, type CaseReporter, type CaseType, type ReportCaseData } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { ERASED_MARKER } from '../personal-data/personal-fields';
import { CaseRefusedError } from './case-refused.error';

/** What the reporter of a deviation told, as an escalation carries it over to the new statutory case. */
export type EscalatedFacts = Pick<
  ReportCaseData,
  'occurredAt' | 'description' | 'immediateActions' | 'personRef' | 'protectedIdentity'
>;

/** Whether the case is marked as concerning a protected identity now (ADR 0029): the report, then each mark. */
function isProtectedIdentity(history: readonly EventEnvelope[]): boolean {
  let marked = false;
  for (const event of history) {
    if (event.type === 'CaseReported') marked = event.data['protectedIdentity'] === true;
    if (event.type === 'ProtectedIdentityMarked') marked = true;
    if (event.type === 'ProtectedIdentityUnmarked') marked = false;
  }
  return marked;
}

function kept(value: unknown): string | undefined {
  return typeof value === 'string' && value !== ERASED_MARKER && value.trim() !== '' ? value : undefined;
}

/**
 * The reporter's facts of a case from its loaded stream (the personal part merged back, ADR 0002):
 * the escalation writes them again as the new case's own report, so they land in `personal_data`
 * under the new case and are erased with it, not shared with the original's rows. Values already
 * erased are not copied; without its description there is nothing to escalate (409).
 */
export function escalatedFacts(history: readonly EventEnvelope[]): EscalatedFacts {
  const reported = history.find((event) => event.type === 'CaseReported')?.data ?? {};
  const description = kept(reported['description']);
  if (description === undefined)
    throw new CaseRefusedError(
      caseRefusal(
        'INVALID_TRANSITION',
        'PERSONAL_DATA_ERASED',
        'Ärendets beskrivning är raderad (gallrad); rapportera ett nytt ärende och länka det i stället.',
      ),
    );
  const occurredAt = kept(reported['occurredAt']);
  const immediateActions = kept(reported['immediateActions']);
  const personRef = kept(reported['personRef']);
  return {
    description,
    ...(occurredAt === undefined ? {} : { occurredAt }),
    ...(immediateActions === undefined ? {} : { immediateActions }),
    ...(personRef === undefined ? {} : { personRef }),
    // The new case carries the same text, so it carries the same protection.
    ...(isProtectedIdentity(history) ? { protectedIdentity: true } : {}),
  };
}

export interface EscalateInput {
  readonly toType: CaseType;
  readonly rationale: string;
  /** The reporter of the new case: the caller (`reporter.name` for the case view). */
  readonly reporter: CaseReporter;
}
