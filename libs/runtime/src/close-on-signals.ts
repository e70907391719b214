import type { Logger } from './logger';

interface Closable {
  close(): Promise<void>;
}

/**
 * SIGTERM/SIGINT close the application (Nest runs its shutdown hooks: the worker drains, consumers
 * commit, HTTP stops accepting) and the process then exits 0; a second signal or a hang forces exit.
 */
export function closeOnSignals(app: Closable, logger: Logger, graceMs = 30000): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'andra signalen: avslutar direkt');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'stänger ned');
    const force = setTimeout(() => {
      logger.error({ graceMs }, 'nedstängningen tog för lång tid; avslutar');
      process.exit(1);
    }, graceMs);
    force.unref();
    app.close().then(
      () => {
        logger.info('nedstängd');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'fel vid nedstängning');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
