import { Module } from '@nestjs/common';
import { EventStore, MeetingCalendarRepository } from '@kvalitet/persistence';
import { MeetingCalendarController } from './meeting-calendar.controller';
import { MeetingScheduleSync } from './meeting-schedule-sync';

@Module({
  controllers: [MeetingCalendarController],
  providers: [
    MeetingScheduleSync,
    {
      provide: MeetingCalendarRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new MeetingCalendarRepository(store),
    },
  ],
})
export class MeetingCalendarModule {}
