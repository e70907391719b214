import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { eventTopics } from '@kvalitet/contracts';
import { ConsumerRunner, OutboxRelay, ensureTopics } from '@kvalitet/messaging';
import { createLogger } from '@kvalitet/runtime';
import type { ProjectorConfig } from './config/projector-config.schema';
import { createProjections } from './projections/projections';
import { PROJECTOR_DATA_SOURCE, PROJECTOR_KAFKA } from './projector.tokens';

const logger = createLogger('projector');

/**
 * Runs the outbox relay and one consumer per projection. On SIGTERM the consumers finish the batch in
 * hand and commit, then the relay stops.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | null = null;
  private readonly consumers: ConsumerRunner[] = [];

  constructor(
    private readonly config: ConfigService<ProjectorConfig, true>,
    @Inject(PROJECTOR_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROJECTOR_KAFKA) private readonly kafka: Kafka,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const namespace = this.config.get('KAFKA_NAMESPACE', { infer: true });
    await ensureTopics(this.kafka, eventTopics(namespace));
    if (this.config.get('RELAY_ENABLED', { infer: true }) === 'true') {
      this.relay = new OutboxRelay(this.kafka, this.dataSource, { onError: (err) => logger.warn({ err }, 'utkorgen kunde inte publiceras; försöker igen') });
      await this.relay.start();
      logger.info('utkorgsreläet är igång');
    }
    const projections = this.config.get('PROJECTIONS_ENABLED', { infer: true }) === 'true' ? createProjections(namespace) : [];
    for (const projection of projections) {
      const runner = new ConsumerRunner(this.kafka, this.dataSource, {
        consumerName: `${namespace}.${projection.name}`,
        topics: projection.topics,
        ...(projection.handleBatch ? { handleBatch: projection.handleBatch } : { handle: projection.handle! }),
        onError: (err, context) => logger.error({ err, ...context }, 'händelse kunde inte projiceras'),
      });
      await runner.start();
      this.consumers.push(runner);
      logger.info({ projection: projection.name }, 'projektion är igång');
    }
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    logger.info({ signal }, 'stänger projektorn');
    await Promise.all(this.consumers.map((c) => c.stop().catch((err: unknown) => logger.warn({ err }, 'konsument stängdes inte rent'))));
    await this.relay?.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
