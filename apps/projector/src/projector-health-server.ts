import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConsumerStatus } from '@kvalitet/messaging';

/**
 * `/metrics`, `/health/live` and `/health/ready` of the projector (issue 23). A paused consumer
 * (waiting for Postgres, Temporal or Kafka) makes readiness 503 with the reason, while liveness
 * stays 200: the process is right to wait, restarting it would not help.
 */
export class ProjectorHealthServer {
  readonly registry = new Registry();
  private server: Server | null = null;

  constructor(private readonly statuses: () => ConsumerStatus[]) {
    collectDefaultMetrics({ register: this.registry, prefix: 'kvalitet_projector_' });
    const read = this.statuses;
    new Gauge({
      name: 'kvalitet_consumer_paused',
      help: '1 när konsumenten väntar på en tjänst som inte svarar / 1 while the consumer waits for a dependency',
      labelNames: ['consumer', 'dependency', 'reason'],
      registers: [this.registry],
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
      registers: [this.registry],
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
      registers: [this.registry],
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
        registers: [this.registry],
        collect() {
          this.reset();
          for (const s of read()) this.inc({ consumer: s.consumer }, pick(s));
        },
      });
    }
  }

  async listen(port: number, host: string): Promise<{ port: number } | { error: Error }> {
    const server = createServer((req, res) => {
      void this.answer(req.url ?? '/').then(
        ({ status, type, body }) => {
          res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
    return new Promise((resolve) => {
      server.once('error', (error) => resolve({ error }));
      server.listen(port, host, () => {
        this.server = server;
        const address = server.address();
        resolve({ port: typeof address === 'object' && address ? address.port : port });
      });
    });
  }

  private async answer(url: string): Promise<{ status: number; type: string; body: string }> {
    const path = url.split('?')[0];
    if (path === '/metrics')
      return { status: 200, type: this.registry.contentType, body: await this.registry.metrics() };
    if (path === '/health/live')
      return { status: 200, type: 'application/json', body: JSON.stringify({ status: 'ok' }) };
    if (path === '/health/ready') {
      const consumers = this.statuses();
      const waiting = consumers.filter((s) => s.state !== 'running');
      return {
        status: waiting.length === 0 ? 200 : 503,
        type: 'application/json',
        body: JSON.stringify({
          status: waiting.length === 0 ? 'ok' : 'waiting',
          message:
            waiting.length === 0
              ? 'alla konsumenter är igång / all consumers running'
              : `${waiting.length} konsumenter väntar / consumers waiting: ${waiting.map((s) => `${s.consumer} (${s.pausedBecause?.dependency ?? s.state})`).join(', ')}`,
          consumers,
        }),
      };
    }
    return { status: 404, type: 'application/json', body: JSON.stringify({ status: 404 }) };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
