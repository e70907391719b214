import { Module } from '@nestjs/common';
import { EjVerkstalldaBeslutController } from './ej-verkstallda-beslut.controller';
import { EjVerkstalldaBeslutService } from './ej-verkstallda-beslut.service';

@Module({ controllers: [EjVerkstalldaBeslutController], providers: [EjVerkstalldaBeslutService] })
export class EjVerkstalldaBeslutModule {}
