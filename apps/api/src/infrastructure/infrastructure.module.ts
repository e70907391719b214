import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { topicForAggregate } from '@kvalitet/contracts';
import { createKafka, parseBrokers } from '@kvalitet/messaging';
import {
  databaseTls,
  kafkaSecurity,
  temporalConnectionSettings,
  temporalDataConverter,
} from '@kvalitet/runtime';
import {
  CaseCommandService,
  EventStore,
  IdempotencyStore,
  PolicyRepository,
  openDataSource,
} from '@kvalitet/persistence';
import type { ApiConfig } from '../config/api-config.schema';
import { DATA_SOURCE, KAFKA, TEMPORAL_CLIENT } from './infrastructure.tokens';

/** The three real servers the api talks to, opened once and closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) =>
        openDataSource({
          url: config.get('DATABASE_URL', { infer: true }),
          poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
          applicationName: 'kvalitet-api',
          migrate: config.get('MIGRATE_ON_START', { infer: true }) === 'true',
          ownerUrl: config.get('DATABASE_OWNER_URL', { infer: true }),
          ssl: databaseTls((name) => config.get(name, { infer: true })),
        }),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) => {
        // Lazy (issue 20): the api starts and takes reports in while Temporal is away (the projector
        // starts the workflows from the outbox later); /health/ready reports Temporal as degraded.
        const temporal = temporalConnectionSettings((name) => config.get(name, { infer: true }));
        const connection = Connection.lazy({ ...temporal.connection, connectTimeout: '10s' });
        // The connection's AsyncLocalStorage, once used, switches promise hooks on for the whole
        // process on Node 20: every promise of every request then costs several times as much. The
        // api never calls withDeadline/withMetadata/withAbortSignal (the only users of that storage),
        // so it is kept off; a later such call would switch it back on by itself.
        connection.callContextStorage.disable();
        return new Client({
          connection,
          namespace: temporal.namespace,
          dataConverter: temporalDataConverter(),
        });
      },
    },
    {
      provide: KAFKA,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) =>
        createKafka({
          brokers: parseBrokers(config.get('KAFKA_BROKERS', { infer: true })),
          clientId: 'kvalitet-api',
          ...kafkaSecurity((name) => config.get(name, { infer: true })),
        }),
    },
    {
      provide: EventStore,
      inject: [DATA_SOURCE, ConfigService],
      useFactory: (dataSource: DataSource, config: ConfigService<ApiConfig, true>) =>
        new EventStore(dataSource, {
          topicFor: (type) => topicForAggregate(type, config.get('KAFKA_NAMESPACE', { infer: true })),
        }),
    },
    {
      provide: IdempotencyStore,
      inject: [DATA_SOURCE],
      useFactory: (dataSource: DataSource) => new IdempotencyStore(dataSource),
    },
    {
      provide: CaseCommandService,
      inject: [EventStore],
      useFactory: (store: EventStore) => new CaseCommandService(store),
    },
    {
      provide: PolicyRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new PolicyRepository(store),
    },
  ],
  exports: [
    DATA_SOURCE,
    TEMPORAL_CLIENT,
    KAFKA,
    EventStore,
    IdempotencyStore,
    CaseCommandService,
    PolicyRepository,
  ],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(KAFKA) private readonly _kafka: Kafka,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
