import { Module } from '@nestjs/common';
import { LedningssystemController } from './ledningssystem/ledningssystem.controller';
import { LedningssystemStatusService } from './ledningssystem/ledningssystem-status.service';
import { LedningssystemService } from './ledningssystem/ledningssystem.service';
import { RoutinesController } from './routines.controller';
import { RoutinesService } from './routines.service';

@Module({
  controllers: [RoutinesController, LedningssystemController],
  providers: [RoutinesService, LedningssystemService, LedningssystemStatusService],
  exports: [RoutinesService],
})
export class RoutinesModule {}
