import { VersionConflictError } from '@kvalitet/persistence';
import type { CaseCommandResult, CaseCommandService } from '@kvalitet/persistence';

/**
 * Reports a case under the id bound to the request's Idempotency-Key, or — when a run of the same
 * request that died before storing its answer already committed that case — answers with it (ADR
 * 0009). The event store's unique (aggregate_id, version) is what makes it one case.
 */
export async function reportOnce(
  commands: Pick<CaseCommandService, 'load'>,
  caseId: string | undefined,
  report: (context: { caseId?: string }) => Promise<CaseCommandResult>,
): Promise<CaseCommandResult> {
  try {
    return await report(caseId === undefined ? {} : { caseId });
  } catch (error) {
    if (caseId === undefined || !(error instanceof VersionConflictError)) throw error;
    const existing = await commands.load(caseId);
    if (existing.state === null) throw error;
    return { state: existing.state, events: existing.events };
  }
}
