import { Module } from '@nestjs/common';
import { ClassificationsRepository, EventStore } from '@kvalitet/persistence';
import { ClassificationsController } from './classifications.controller';
import { ClassificationsService } from './classifications.service';

@Module({
  controllers: [ClassificationsController],
  providers: [
    ClassificationsService,
    {
      provide: ClassificationsRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new ClassificationsRepository(store),
    },
  ],
  exports: [ClassificationsService],
})
export class ClassificationsModule {}
