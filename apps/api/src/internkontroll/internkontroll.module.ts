import { Module } from '@nestjs/common';
import { InternkontrollController } from './internkontroll.controller';
import { InternkontrollService } from './internkontroll.service';

@Module({ controllers: [InternkontrollController], providers: [InternkontrollService] })
export class InternkontrollModule {}
