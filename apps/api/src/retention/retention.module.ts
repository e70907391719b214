import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EventStore, Gallring, RetentionRulesRepository } from '@kvalitet/persistence';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { RetentionController } from './retention.controller';

@Module({
  controllers: [RetentionController],
  providers: [
    {
      provide: RetentionRulesRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new RetentionRulesRepository(store),
    },
    {
      provide: Gallring,
      inject: [EventStore, DATA_SOURCE],
      useFactory: (store: EventStore, dataSource: DataSource) => new Gallring(store, dataSource),
    },
  ],
})
export class RetentionModule {}
