import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CaseAccessGuard } from './case-access.guard';
import { CaseAccessService } from './case-access.service';
import { CaseCommandsController } from './case-commands.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [AuditModule],
  controllers: [CasesController, CaseCommandsController],
  providers: [CasesService, CaseAccessService, CaseAccessGuard],
})
export class CasesModule {}
