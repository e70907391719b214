import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateConfig } from '@kvalitet/runtime';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { apiConfigSchema } from './config/api-config.schema';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { ReportsModule } from './reports/reports.module';
import { OrgModule } from './org/org.module';
import { UsersModule } from './users/users.module';
import { PolicyModule } from './policy/policy.module';
import { MeetingCalendarModule } from './meeting-calendar/meeting-calendar.module';
import { ClassificationsModule } from './classifications/classifications.module';
import { DelegationsModule } from './delegations/delegations.module';
import { RetentionModule } from './retention/retention.module';
import { PublicFeedbackModule } from './public-feedback/public-feedback.module';
import { RemindersModule } from './reminders/reminders.module';
import { RiskAssessmentsModule } from './risk-assessments/risk-assessments.module';
import { ImprovementModule } from './improvement/improvement.module';
import { EventAnalysisModule } from './event-analysis/event-analysis.module';
import { TasksModule } from './tasks/tasks.module';
import { RoutinesModule } from './routines/routines.module';
import { EgenkontrollModule } from './egenkontroll/egenkontroll.module';
import { AppointmentsModule } from './appointments/appointments.module';
import { TrainingModule } from './training/training.module';
import { ArshjulModule } from './arshjul/arshjul.module';
import { InternkontrollModule } from './internkontroll/internkontroll.module';
import { EjVerkstalldaBeslutModule } from './ej-verkstallda-beslut/ej-verkstallda-beslut.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: (env) => validateConfig(apiConfigSchema, env),
    }),
    InfrastructureModule,
    MetricsModule,
    HealthModule,
    AuthModule,
    OrgModule,
    UsersModule,
    AuditModule,
    CasesModule,
    AttachmentsModule,
    PublicFeedbackModule,
    TasksModule,
    RemindersModule,
    PolicyModule,
    MeetingCalendarModule,
    ClassificationsModule,
    DelegationsModule,
    RetentionModule,
    RiskAssessmentsModule,
    ImprovementModule,
    EventAnalysisModule,
    RoutinesModule,
    EgenkontrollModule,
    AppointmentsModule,
    TrainingModule,
    ArshjulModule,
    InternkontrollModule,
    EjVerkstalldaBeslutModule,
    NotificationsModule,
    ReportsModule,
    OperationsModule,
  ],
})
export class AppModule {}
