import { Counter, Gauge } from 'prom-client';
import type { ConsumerStatus } from '@kvalitet/messaging';
import { checkWithin, ProcessHealthServer } from '@kvalitet/runtime';

/**
 * `/metrics`, `/health/live` and `/health/ready` of the projector (issues 20 and 23), on
 * PROJECTOR_HEALTH_PORT. Ready means Postgres answers, every consumer has joined its Kafka consumer
 * group, and none is paused waiting for Postgres, Temporal or Kafka (ADR 0018). While one waits,
 * readiness is 503 with the reason and liveness stays 200: the process is right to wait, restarting
 * it would not help.
 */
export class ProjectorHealthServer {
  private readonly server: ProcessHealthServer;

  constructor(
    private readonly statuses: () => ConsumerStatus[],
    postgres: () => Promise<unknown>,
  ) {
    this.server = new ProcessHealthServer(
      'projector',
      async () => {
        const consumers = this.statuses();
        const notJoined = consumers.filter((s) => !s.groupJoined);
        const waiting = consumers.filter((s) => s.state !== 'running');
        return [
          await checkWithin('postgres', postgres),
          {
            name: 'kafka-consumer-groups',
            ok: consumers.length > 0 && notJoined.length === 0,
            detail:
              consumers.length === 0
                ? 'inga konsumenter startade än / no consumers started yet'
                : notJoined.length === 0
                  ? `${consumers.length} konsumenter med i sina grupper / consumers joined their groups`
                  : `inte med i sin grupp än / not joined yet: ${notJoined.map((s) => s.consumer).join(', ')}`,
          },
          {
            name: 'consumers',
            ok: waiting.length === 0,
            detail:
              waiting.length === 0
                ? 'alla konsumenter är igång / all consumers running'
                : `${waiting.length} konsumenter väntar / consumers waiting: ${waiting.map((s) => `${s.consumer} (${s.pausedBecause?.dependency ?? s.state})`).join(', ')}`,
          },
        ];
      },
      () => ({ consumers: this.statuses() }),
    );
    const read = this.statuses;
    new Gauge({
      name: 'kvalitet_consumer_paused',
      help: '1 när konsumenten väntar på en tjänst som inte svarar / 1 while the consumer waits for a dependency',
      labelNames: ['consumer', 'dependency', 'reason'],
      registers: [this.server.registry],
      collect() {
        this.reset();
        for (const s of read()) {
          this.set(
            {
              consumer: s.consumer,
              dependency: s.pausedBecause?.dependency ?? '',
              reason: s.pausedBecause?.reason ?? '',
            },
            s.state === 'paused' || s.state === 'reconnecting' ? 1 : 0,
          );
        }
      },
    });
    new Gauge({
      name: 'kvalitet_consumer_paused_seconds',
      help: 'Hur länge konsumenten har väntat / how long the consumer has been paused',
      labelNames: ['consumer'],
      registers: [this.server.registry],
      collect() {
        this.reset();
        for (const s of read())
          this.set(
            { consumer: s.consumer },
            s.pausedBecause ? (Date.now() - Date.parse(s.pausedBecause.since)) / 1000 : 0,
          );
      },
    });
    new Gauge({
      name: 'kvalitet_consumer_paused_partitions',
      help: 'Partitioner som väntar / partitions paused',
      labelNames: ['consumer'],
      registers: [this.server.registry],
      collect() {
        this.reset();
        for (const s of read()) this.set({ consumer: s.consumer }, s.pausedPartitions);
      },
    });
    for (const [name, help, pick] of [
      [
        'kvalitet_consumer_events_handled_total',
        'Händelser som hanterats sedan start / events handled since start',
        (s: ConsumerStatus) => s.handled,
      ],
      [
        'kvalitet_consumer_dead_letters_written_total',
        'Händelser flyttade till dead_letters sedan start / events dead-lettered since start',
        (s: ConsumerStatus) => s.deadLettered,
      ],
    ] as const) {
      new Counter({
        name,
        help,
        labelNames: ['consumer'],
        registers: [this.server.registry],
        collect() {
          this.reset();
          for (const s of read()) this.inc({ consumer: s.consumer }, pick(s));
        },
      });
    }
  }

  serve(...args: Parameters<ProcessHealthServer['serve']>): Promise<void> {
    return this.server.serve(...args);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
