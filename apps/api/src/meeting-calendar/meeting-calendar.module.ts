import { Module } from '@nestjs/common';
import { BoardMeetingRepository, EventStore, MeetingCalendarRepository } from '@kvalitet/persistence';
import { BoardMeetingsController } from './board-meetings.controller';
import { MeetingCalendarController } from './meeting-calendar.controller';
import { MeetingScheduleSync } from './meeting-schedule-sync';

@Module({
  controllers: [MeetingCalendarController, BoardMeetingsController],
  providers: [
    MeetingScheduleSync,
    {
      provide: MeetingCalendarRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new MeetingCalendarRepository(store),
    },
    {
      provide: BoardMeetingRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new BoardMeetingRepository(store),
    },
  ],
})
export class MeetingCalendarModule {}
