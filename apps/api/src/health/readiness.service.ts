import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { createLogger, type Logger } from '@kvalitet/runtime';
import { DATA_SOURCE, KAFKA, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.tokens';
import { MetricsService } from '../metrics/metrics.service';

import { readinessOf, type DependencyStatus, type Readiness } from './readiness';

const CHECK_TIMEOUT_MS = 3000;
/** A scrape reuses a check this recent instead of asking the three servers again. */
const METRICS_CHECK_MAX_AGE_MS = 10_000;

/**
 * Asks each server a real question (not just "is the socket open"). The api is ready on Postgres
 * alone (issue 20): every command writes its events and the outbox in one Postgres transaction, and
 * the projector relays them and starts the workflows once Kafka and Temporal answer again, so a load
 * balancer must not take the api out because of them. They are reported as `degraded`, in the
 * details of /health/ready and as `kvalitet_dependency_up{dependency}` on /metrics. What is down and
 * why is logged when it changes (the public answer carries the status only, issue 24).
 */
@Injectable()
export class ReadinessService implements OnModuleDestroy {
  private readonly logger: Logger = createLogger('api');
  private lastDown = '';
  private lastCheck: { at: number; result: Promise<Readiness> } | null = null;
  private kafkaAdmin: Promise<Admin> | null = null;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(KAFKA) private readonly kafka: Kafka,
    metrics: MetricsService,
  ) {
    const recentCheck = () => this.recentCheck();
    new Gauge({
      name: 'kvalitet_dependency_up',
      help: '1 när tjänsten svarar api:t, 0 när den inte gör det / 1 while the dependency answers the api',
      // in a cluster (ADR 0013) a dependency one api process cannot reach counts as down
      aggregator: 'min',
      labelNames: ['dependency'],
      registers: [metrics.registry],
      async collect() {
        const { dependencies } = await recentCheck();
        for (const [dependency, d] of Object.entries(dependencies))
          this.set({ dependency }, d.status === 'up' ? 1 : 0);
      },
    });
  }

  private recentCheck(): Promise<Readiness> {
    if (!this.lastCheck || Date.now() - this.lastCheck.at > METRICS_CHECK_MAX_AGE_MS)
      this.lastCheck = { at: Date.now(), result: this.check() };
    return this.lastCheck.result;
  }

  async check(): Promise<Readiness> {
    const [postgres, temporal, kafka] = await Promise.all([
      this.measure(() => this.dataSource.query('SELECT 1')),
      this.measure(() => this.temporal.workflowService.getSystemInfo({})),
      this.measure(() => this.askKafka()),
    ]);
    const dependencies = { postgres, temporal, kafka };
    const readiness = readinessOf(dependencies);
    const down = Object.entries(dependencies)
      .flatMap(([name, d]) => (d.status === 'down' ? [`${name}: ${d.error}`] : []))
      .join('; ');
    if (down !== this.lastDown) {
      if (!readiness.ready) this.logger.warn({ dependencies }, `inte redo / not ready: ${down}`);
      else if (down) this.logger.warn({ dependencies }, `redo men begränsad / ready but degraded: ${down}`);
      else this.logger.info('redo, alla tjänster svarar / ready, every dependency answers');
      this.lastDown = down;
    }
    this.lastCheck = { at: Date.now(), result: Promise.resolve(readiness) };
    return readiness;
  }

  /**
   * One admin connection, kept: connecting fetches the metadata of every topic, which on a broker
   * with thousands of topics takes seconds, while describeCluster on an open connection is one small
   * request. A connection still being made when a check times out is used by the next check; a
   * failed one is dropped and made again.
   */
  private async askKafka(): Promise<void> {
    const connecting = (this.kafkaAdmin ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        return admin;
      } catch (error) {
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
    })());
    try {
      await (await connecting).describeCluster();
    } catch (error) {
      if (this.kafkaAdmin === connecting) this.kafkaAdmin = null;
      await connecting.then((admin) => admin.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    const admin = this.kafkaAdmin;
    this.kafkaAdmin = null;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private async measure(probe: () => Promise<unknown>): Promise<DependencyStatus> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`inget svar inom ${CHECK_TIMEOUT_MS} ms`)),
            CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
