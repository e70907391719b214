import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { eventTopics, topicForAggregate } from '@kvalitet/contracts';
import { ConsumerRunner, OutboxRelay, ensureTopics } from '@kvalitet/messaging';
import { createLogger } from '@kvalitet/runtime';
import type { ProjectorConfig } from './config/projector-config.schema';
import { connectTemporalClient, createCaseOrchestrator } from './orchestrator';
import { createProjections } from './projections/projections';
import { createLedningssystemOrchestrator } from './projections/ledningssystem-orchestrator';
import { createRiskAssessmentOrchestrator } from './projections/risk-assessments/risk-assessment-orchestrator';
import { PROJECTOR_STARTED } from './projector-started';
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
  private closeTemporal: (() => Promise<void>) | null = null;

  constructor(
    private readonly config: ConfigService<ProjectorConfig, true>,
    @Inject(PROJECTOR_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROJECTOR_KAFKA) private readonly kafka: Kafka,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const namespace = this.config.get('KAFKA_NAMESPACE', { infer: true });
    await ensureTopics(this.kafka, eventTopics(namespace));
    if (this.config.get('RELAY_ENABLED', { infer: true }) === 'true') {
      this.relay = new OutboxRelay(this.kafka, this.dataSource, {
        onError: (err) => logger.warn({ err }, 'utkorgen kunde inte publiceras; försöker igen'),
      });
      await this.relay.start();
      logger.info('utkorgsreläet är igång');
    }
    const projections =
      this.config.get('PROJECTIONS_ENABLED', { infer: true }) === 'true' ? createProjections(namespace) : [];
    for (const projection of projections) {
      const runner = new ConsumerRunner(this.kafka, this.dataSource, {
        consumerName: `${namespace}.${projection.name}`,
        topics: projection.topics,
        ...(projection.handleBatch
          ? { handleBatch: projection.handleBatch }
          : { handle: projection.handle! }),
        ...(projection.partitionsConsumedConcurrently
          ? { partitionsConsumedConcurrently: projection.partitionsConsumedConcurrently }
          : {}),
        onError: (err, context) => logger.error({ err, ...context }, 'händelse kunde inte projiceras'),
      });
      await runner.start();
      this.consumers.push(runner);
      logger.info({ projection: projection.name }, 'projektion är igång');
    }
    if (this.config.get('ORCHESTRATOR_ENABLED', { infer: true }) === 'true') {
      // Events → case workflows (signalWithStart): Temporal drives deadlines, the event store stays the truth.
      const temporal = await connectTemporalClient({
        address: this.config.get('TEMPORAL_ADDRESS', { infer: true }),
        namespace: this.config.get('TEMPORAL_NAMESPACE', { infer: true }),
      });
      this.closeTemporal = temporal.close;
      const orchestrator = createCaseOrchestrator({
        client: temporal.client,
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
        topics: [topicForAggregate('case', namespace)],
        name: `${namespace}.case-orchestrator`,
      });
      const runner = new ConsumerRunner(this.kafka, this.dataSource, {
        consumerName: orchestrator.name,
        topics: orchestrator.topics,
        handleBatch: orchestrator.handleBatch,
        onError: (err, context) =>
          logger.error({ err, ...context }, 'händelse kunde inte skickas till ärendets arbetsflöde'),
      });
      await runner.start();
      this.consumers.push(runner);
      logger.info('orkestreraren (händelser → arbetsflöden) är igång');
      // Register events (routines, egenkontroll, …) → their duty workflows (ADR 0008).
      const registers = createLedningssystemOrchestrator({
        client: temporal.client,
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
        namespace,
        name: `${namespace}.ledningssystem-orchestrator`,
      });
      const registerRunner = new ConsumerRunner(this.kafka, this.dataSource, {
        consumerName: registers.name,
        topics: registers.topics,
        handleBatch: registers.handleBatch,
        onError: (err, context) =>
          logger.error({ err, ...context }, 'händelse kunde inte skickas till registrets arbetsflöde'),
      });
      await registerRunner.start();
      this.consumers.push(registerRunner);
      // Risk assessment events → their follow-up workflows (ADR 0007).
      const risks = createRiskAssessmentOrchestrator({
        client: temporal.client,
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
        namespace,
        name: `${namespace}.risk-assessment-orchestrator`,
      });
      const riskRunner = new ConsumerRunner(this.kafka, this.dataSource, {
        consumerName: risks.name,
        topics: risks.topics,
        handleBatch: risks.handleBatch,
        onError: (err, context) =>
          logger.error({ err, ...context }, 'händelse kunde inte skickas till riskanalysens arbetsflöde'),
      });
      await riskRunner.start();
      this.consumers.push(riskRunner);
    }
    logger.info(PROJECTOR_STARTED);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    logger.info({ signal }, 'stänger projektorn');
    await Promise.all(
      this.consumers.map((c) =>
        c.stop().catch((err: unknown) => logger.warn({ err }, 'konsument stängdes inte rent')),
      ),
    );
    await this.relay?.stop();
    await this.closeTemporal?.().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
