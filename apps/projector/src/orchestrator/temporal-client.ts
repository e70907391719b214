import { Client, Connection } from '@temporalio/client';
import { temporalDataConverter, type TemporalConnectionSettings } from '@kvalitet/runtime';

/**
 * A Temporal client for the orchestrators; `close` when the projector stops. The connection is
 * lazy: the projector starts (and its projections run) while Temporal is away, and the orchestrators
 * pause until it answers (issue 23).
 */
export function connectTemporalClient(settings: TemporalConnectionSettings): {
  client: Client;
  connection: Connection;
  close: () => Promise<void>;
} {
  const connection = Connection.lazy(settings.connection);
  const client = new Client({
    connection,
    namespace: settings.namespace,
    dataConverter: temporalDataConverter(),
  });
  return { client, connection, close: () => connection.close() };
}
