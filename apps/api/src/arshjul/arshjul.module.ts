import { Module } from '@nestjs/common';
import { ArshjulController } from './arshjul.controller';
import { ArshjulService } from './arshjul.service';

@Module({ controllers: [ArshjulController], providers: [ArshjulService], exports: [ArshjulService] })
export class ArshjulModule {}
