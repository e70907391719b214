import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClassificationsModule } from '../classifications/classifications.module';
import { CaseAccessGuard } from './case-access.guard';
import { CaseAccessService } from './case-access.service';
import { CaseCommandsController } from './case-commands.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [AuditModule, ClassificationsModule],
  controllers: [CasesController, CaseCommandsController],
  providers: [CasesService, CaseAccessService, CaseAccessGuard],
})
export class CasesModule {}
