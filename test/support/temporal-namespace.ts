import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

/**
 * A Temporal namespace of its own for one test system, as every installation has in production
 * (ADR 0041): workflow ids named by a natural key (`ls-internkontroll_plan-<id of the year's plan>`)
 * are the same in every installation, so systems sharing one namespace would signal each other's
 * workflows, whose task queue no worker polls any more.
 */
export async function createTemporalNamespace(address: string, prefix = 'test'): Promise<string> {
  const namespace = `${prefix}-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
  } finally {
    await connection.close();
  }
  return namespace;
}
