import { Module, RequestMethod } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { validateConfig } from '@kvalitet/runtime';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { apiConfigSchema, type ApiConfig } from './config/api-config.schema';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReportsModule } from './reports/reports.module';
import { OrgModule } from './org/org.module';
import { PolicyModule } from './policy/policy.module';
import { MeetingCalendarModule } from './meeting-calendar/meeting-calendar.module';
import { PublicFeedbackModule } from './public-feedback/public-feedback.module';
import { RemindersModule } from './reminders/reminders.module';
import { RiskAssessmentsModule } from './risk-assessments/risk-assessments.module';
import { ImprovementModule } from './improvement/improvement.module';
import { TasksModule } from './tasks/tasks.module';
import { RoutinesModule } from './routines/routines.module';
import { EgenkontrollModule } from './egenkontroll/egenkontroll.module';
import { AppointmentsModule } from './appointments/appointments.module';
import { TrainingModule } from './training/training.module';
import { InternkontrollModule } from './internkontroll/internkontroll.module';

type LoggedRequest = IncomingMessage & {
  id?: string;
  user?: { username?: string };
  route?: { path?: string };
};

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: (env) => validateConfig(apiConfigSchema, env),
    }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiConfig, true>) => ({
        // One wildcard route: Nest mounts it on both sides of the global prefix by itself (adding the
        // excluded /health and /metrics again, as nestjs-pino's default does, logs them twice).
        forRoutes: [{ path: '{/*splat}', method: RequestMethod.ALL }],
        pinoHttp: {
          name: 'api',
          level: config.get('LOG_LEVEL', { infer: true }),
          base: { service: 'api' },
          formatters: { level: (label: string) => ({ level: label }) },
          // requestIdMiddleware has set req.id (and X-Request-Id) before this runs.
          genReqId: (req: IncomingMessage) => (req as LoggedRequest).id ?? 'unknown',
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
            err || res.statusCode >= 500 ? 'error' : 'info',
          customProps: (req: IncomingMessage) => ({ user: (req as LoggedRequest).user?.username }),
          serializers: {
            req: (req: { id?: string; method?: string; url?: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
          },
          redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
        },
      }),
    }),
    InfrastructureModule,
    MetricsModule,
    HealthModule,
    AuthModule,
    OrgModule,
    AuditModule,
    CasesModule,
    PublicFeedbackModule,
    TasksModule,
    RemindersModule,
    PolicyModule,
    MeetingCalendarModule,
    RiskAssessmentsModule,
    ImprovementModule,
    RoutinesModule,
    EgenkontrollModule,
    AppointmentsModule,
    TrainingModule,
    InternkontrollModule,
    NotificationsModule,
    ReportsModule,
  ],
})
export class AppModule {}
