import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { eventTopics } from '@kvalitet/contracts';
import { ConsumerRunner, OutboxRelay, ensureTopics } from '@kvalitet/messaging';
import { createLogger, kafkaTopicSettings, temporalConnectionSettings } from '@kvalitet/runtime';
import type { ProjectorConfig } from './config/projector-config.schema';
import { connectTemporalClient } from './orchestrator';
import { createProjectorConsumers } from './projector-consumers';
import { ProjectorHealthServer } from './projector-health-server';
import { PROJECTOR_STARTED } from './projector-started';
import { PROJECTOR_DATA_SOURCE, PROJECTOR_KAFKA } from './projector.tokens';

const logger = createLogger('projector');

/**
 * Runs the outbox relay and one consumer per projection and orchestrator, and serves their state on
 * `/health/live`, `/health/ready` and `/metrics` (PROJECTOR_HEALTH_PORT), from before the consumers
 * start. On SIGTERM the consumers finish the batch in hand and commit, then the relay stops.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | null = null;
  private readonly consumers: ConsumerRunner[] = [];
  private closeTemporal: (() => Promise<void>) | null = null;
  private readonly health = new ProjectorHealthServer(
    () => this.consumers.map((c) => c.status()),
    () => this.dataSource.query('SELECT 1'),
  );

  constructor(
    private readonly config: ConfigService<ProjectorConfig, true>,
    @Inject(PROJECTOR_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROJECTOR_KAFKA) private readonly kafka: Kafka,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.serveHealth();
    const namespace = this.config.get('KAFKA_NAMESPACE', { infer: true });
    await ensureTopics(this.kafka, eventTopics(namespace), {
      topics: kafkaTopicSettings((name) => this.config.get(name, { infer: true })),
    });
    if (this.config.get('RELAY_ENABLED', { infer: true }) === 'true') {
      this.relay = new OutboxRelay(this.kafka, this.dataSource, {
        onError: (err) => logger.warn({ err }, 'utkorgen kunde inte publiceras; försöker igen'),
      });
      await this.relay.start();
      logger.info('utkorgsreläet är igång');
    }
    let temporal = null;
    if (this.config.get('ORCHESTRATOR_ENABLED', { infer: true }) === 'true') {
      temporal = connectTemporalClient(
        temporalConnectionSettings((name) => this.config.get(name, { infer: true })),
      );
      this.closeTemporal = temporal.close;
    }
    const consumers = createProjectorConsumers({
      namespace,
      projections: this.config.get('PROJECTIONS_ENABLED', { infer: true }) === 'true',
      temporal: temporal && {
        ...temporal,
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
      },
    });
    for (const consumer of consumers) {
      const runner = new ConsumerRunner(this.kafka, this.dataSource, {
        ...consumer,
        onError: (err, context) => logger.error({ err, ...context }, consumer.failureMessage),
        onStateChange: (status, message) =>
          status.state === 'running' ? logger.info({ status }, message) : logger.warn({ status }, message),
      });
      await runner.start();
      this.consumers.push(runner);
      logger.info({ consumer: consumer.consumerName }, 'konsument är igång');
    }
    logger.info(PROJECTOR_STARTED);
  }

  /** A port in use is logged, not fatal: the projector's work matters more than its probes. */
  private async serveHealth(): Promise<void> {
    const port =
      this.config.get('PROJECTOR_HEALTH_PORT', { infer: true }) ??
      this.config.get('PROJECTOR_HTTP_PORT', { infer: true });
    await this.health.serve(port, this.config.get('PROJECTOR_HTTP_HOST', { infer: true }), logger);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    logger.info({ signal }, 'stänger projektorn');
    await Promise.all(
      this.consumers.map((c) =>
        c.stop().catch((err: unknown) => logger.warn({ err }, 'konsument stängdes inte rent')),
      ),
    );
    await this.relay?.stop();
    await this.health.close();
    await this.closeTemporal?.().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
