import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuditModule } from '../audit/audit.module';
import { ClassificationsModule } from '../classifications/classifications.module';
import { CaseAccessGuard } from './case-access.guard';
import { CaseAccessLogController } from './case-access-log.controller';
import { CaseAccessLogService } from './case-access-log.service';
import { CaseAccessService } from './case-access.service';
import { CaseCommandsController } from './case-commands.controller';
import { CaseStatutoryStepsController } from './case-statutory-steps.controller';
import { CaseLinksController } from './case-links.controller';
import { CaseLinksService } from './case-links.service';
import { CasesController } from './cases.controller';
import { CaseSummaryController } from './case-summary.controller';
import { CasesService } from './cases.service';
import { CaseLegalHoldController, ReadableCaseGuard } from './case-legal-hold.controller';

@Module({
  imports: [AuditModule, ClassificationsModule, AttachmentsModule],
  controllers: [
    CasesController,
    CaseCommandsController,
    CaseLinksController,
    CaseStatutoryStepsController,
    CaseAccessLogController,
    CaseLegalHoldController,
    CaseSummaryController,
  ],
  providers: [
    ReadableCaseGuard,
    CasesService,
    CaseAccessService,
    CaseAccessGuard,
    CaseLinksService,
    CaseAccessLogService,
  ],
})
export class CasesModule {}
