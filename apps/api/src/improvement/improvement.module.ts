import { Module } from '@nestjs/common';
import { EventStore, ImprovementCommandService } from '@kvalitet/persistence';
import { AuditModule } from '../audit/audit.module';
import { RiskAssessmentsModule } from '../risk-assessments/risk-assessments.module';
import { ImprovementAccessGuard } from './improvement-access';
import { ImprovementActionsController } from './improvement-actions.controller';
import { ImprovementProposalsController } from './improvement-proposals.controller';
import { ImprovementService } from './improvement.service';
import { LessonsController } from './lessons.controller';

@Module({
  imports: [AuditModule, RiskAssessmentsModule],
  controllers: [ImprovementProposalsController, ImprovementActionsController, LessonsController],
  providers: [
    {
      provide: ImprovementCommandService,
      inject: [EventStore],
      useFactory: (store: EventStore) => new ImprovementCommandService(store),
    },
    ImprovementService,
    ImprovementAccessGuard,
  ],
})
export class ImprovementModule {}
