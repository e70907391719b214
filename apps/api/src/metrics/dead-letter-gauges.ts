import { Gauge, type Registry } from 'prom-client';
import type { OpenDeadLetters } from '../operations/open-dead-letters';

/**
 * `kvalitet_dead_letters_open{consumer}` and `kvalitet_dead_letters_oldest_age_seconds{consumer}`,
 * computed on scrape from one read (`read` is called once per scrape: prom-client collects the
 * metrics of a scrape concurrently, so the second gauge joins the read the first one started).
 * Each scrape resets and sets them: a consumer whose last letter was replayed drops out of the read
 * and reads 0 rather than its last value; consumers never seen by this process have no series.
 */
export function registerDeadLetterGauges(registry: Registry, read: () => Promise<OpenDeadLetters[]>): void {
  let inFlight: Promise<OpenDeadLetters[]> | null = null;
  const openDeadLetters = () =>
    (inFlight ??= read().finally(() => {
      inFlight = null;
    }));
  const seenConsumers = new Set<string>();
  const publish = (
    gauge: Gauge<'consumer'>,
    open: OpenDeadLetters[],
    value: (c: OpenDeadLetters) => number,
  ) => {
    gauge.reset();
    for (const c of open) seenConsumers.add(c.consumer);
    for (const consumer of seenConsumers) gauge.set({ consumer }, 0);
    for (const c of open) gauge.set({ consumer: c.consumer }, value(c));
  };
  new Gauge({
    name: 'kvalitet_dead_letters_open',
    help: 'Händelser som en konsument inte kunde hantera och som ännu inte spelats upp igen',
    // every api process reads the same table: in a cluster it is one value, not one per process
    aggregator: 'max',
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      publish(this, await openDeadLetters(), (c) => c.open);
    },
  });
  new Gauge({
    name: 'kvalitet_dead_letters_oldest_age_seconds',
    help: 'Ålder i sekunder på konsumentens äldsta öppna döda brev (0 när inga är öppna)',
    aggregator: 'max',
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      publish(this, await openDeadLetters(), (c) => c.oldestAgeSeconds);
    },
  });
}
