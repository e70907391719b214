import { Module } from '@nestjs/common';
import { EventStore, ImprovementCommandService } from '@kvalitet/persistence';
import { RiskAssessmentsModule } from '../risk-assessments/risk-assessments.module';
import { EventAnalysisController } from './event-analysis.controller';
import { EventAnalysisService } from './event-analysis.service';
import { RiskObservationsController } from './risk-observations.controller';
import { RiskObservationsService } from './risk-observations.service';

@Module({
  controllers: [EventAnalysisController, RiskObservationsController],
  imports: [RiskAssessmentsModule],
  providers: [
    {
      provide: ImprovementCommandService,
      inject: [EventStore],
      useFactory: (store: EventStore) => new ImprovementCommandService(store),
    },
    EventAnalysisService,
    RiskObservationsService,
  ],
})
export class EventAnalysisModule {}
