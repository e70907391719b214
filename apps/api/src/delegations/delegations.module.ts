import { Module } from '@nestjs/common';
import { DelegationRegisterRepository, EventStore } from '@kvalitet/persistence';
import { DelegationsController } from './delegations.controller';

@Module({
  controllers: [DelegationsController],
  providers: [
    {
      provide: DelegationRegisterRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new DelegationRegisterRepository(store),
    },
  ],
  exports: [DelegationRegisterRepository],
})
export class DelegationsModule {}
