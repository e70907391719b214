import { Module } from '@nestjs/common';
import { EgenkontrollController } from './egenkontroll.controller';
import { EgenkontrollService } from './egenkontroll.service';

@Module({ controllers: [EgenkontrollController], providers: [EgenkontrollService] })
export class EgenkontrollModule {}
