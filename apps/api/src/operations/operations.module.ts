import { Module } from '@nestjs/common';
import { DeadLettersService } from './dead-letters.service';
import { OperationsController } from './operations.controller';

@Module({ controllers: [OperationsController], providers: [DeadLettersService] })
export class OperationsModule {}
