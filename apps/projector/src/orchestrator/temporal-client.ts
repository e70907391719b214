import { Client, Connection } from '@temporalio/client';

/** A Temporal client for the orchestrator; `close` when the projector stops. */
export async function connectTemporalClient(options: {
  address: string;
  namespace?: string;
}): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: options.namespace ?? 'default' });
  return { client, close: () => connection.close() };
}
