import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClassificationsModule } from '../classifications/classifications.module';
import { CaseAccessGuard } from './case-access.guard';
import { CaseAccessService } from './case-access.service';
import { CaseCommandsController } from './case-commands.controller';
import { CaseStatutoryStepsController } from './case-statutory-steps.controller';
import { CaseLinksController } from './case-links.controller';
import { CaseLinksService } from './case-links.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [AuditModule, ClassificationsModule],
  controllers: [CasesController, CaseCommandsController, CaseLinksController, CaseStatutoryStepsController],
  providers: [CasesService, CaseAccessService, CaseAccessGuard, CaseLinksService],
})
export class CasesModule {}
