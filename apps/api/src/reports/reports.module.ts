import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ReportService, organisationNameFromEnv } from '@kvalitet/reporting';
import { AuditModule } from '../audit/audit.module';
import { CaseAccessGuard } from '../cases/case-access.guard';
import { CaseAccessService } from '../cases/case-access.service';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { IvoAnmalanController } from './ivo-anmalan.controller';
import { ReportApprovalController } from './report-approval.controller';
import { ReportsController } from './reports.controller';

@Module({
  imports: [AuditModule],
  controllers: [ReportsController, ReportApprovalController, IvoAnmalanController],
  providers: [
    CaseAccessService,
    CaseAccessGuard,
    {
      provide: ReportService,
      inject: [DATA_SOURCE],
      useFactory: (dataSource: DataSource) =>
        new ReportService({
          db: dataSource,
          units: ORGANISATION.units,
          organisation: organisationNameFromEnv(),
        }),
    },
  ],
})
export class ReportsModule {}
