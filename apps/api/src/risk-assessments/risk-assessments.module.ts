import { Module } from '@nestjs/common';
import { EventStore, RiskAssessmentCommandService, RiskPolicyRepository } from '@kvalitet/persistence';
import { AuditModule } from '../audit/audit.module';
import { RiskAssessmentAccessGuard } from './risk-assessment-access';
import { RiskAssessmentsController } from './risk-assessments.controller';
import { RiskAssessmentsService } from './risk-assessments.service';
import { RiskPolicyController } from './risk-policy.controller';

@Module({
  imports: [AuditModule],
  controllers: [RiskPolicyController, RiskAssessmentsController],
  providers: [
    {
      provide: RiskPolicyRepository,
      inject: [EventStore],
      useFactory: (store: EventStore) => new RiskPolicyRepository(store),
    },
    {
      provide: RiskAssessmentCommandService,
      inject: [EventStore, RiskPolicyRepository],
      useFactory: (store: EventStore, policies: RiskPolicyRepository) =>
        new RiskAssessmentCommandService(store, policies),
    },
    RiskAssessmentsService,
    RiskAssessmentAccessGuard,
  ],
  exports: [RiskAssessmentCommandService, RiskPolicyRepository],
})
export class RiskAssessmentsModule {}
