import { Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';
import { AuditController } from './audit.controller';

@Module({ controllers: [AuditController], providers: [AccessLogService], exports: [AccessLogService] })
export class AuditModule {}
