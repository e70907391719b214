import { Module } from '@nestjs/common';
import { LedningssystemController } from './ledningssystem/ledningssystem.controller';
import { LedningssystemService } from './ledningssystem/ledningssystem.service';
import { RoutinesController } from './routines.controller';
import { RoutinesService } from './routines.service';

@Module({
  controllers: [RoutinesController, LedningssystemController],
  providers: [RoutinesService, LedningssystemService],
  exports: [RoutinesService],
})
export class RoutinesModule {}
