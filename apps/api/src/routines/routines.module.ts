import { Module } from '@nestjs/common';
import { RoutinesController } from './routines.controller';
import { RoutinesService } from './routines.service';

@Module({ controllers: [RoutinesController], providers: [RoutinesService], exports: [RoutinesService] })
export class RoutinesModule {}
