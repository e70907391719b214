import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { topicForAggregate } from '@kvalitet/contracts';
import {
  CaseCommandService,
  copyRetentionDaysFromEnv,
  EventStore,
  PolicyRepository,
  RiskAssessmentCommandService,
  RiskPolicyRepository,
} from '@kvalitet/persistence';
import { Mailer, mailConfigFromEnv } from '@kvalitet/notifications';
import {
  createLogger,
  organisation,
  temporalConnectionSettings,
  temporalDataConverter,
} from '@kvalitet/runtime';
import { organisationNameFromEnv } from '@kvalitet/reporting';
import type { WorkerConfig } from './config/worker-config.schema';
import { createCaseActivities } from './activities/case-activities';
import { createGallringActivities } from './activities/gallring-activities';
import { createCaseNoticeDelivery } from './activities/case-notice-delivery';
import { createCaseReminderDelivery } from './activities/case-reminder-delivery';
import { createLedningssystemActivities } from './activities/ledningssystem-activities';
import { createArshjulActivities } from './activities/arshjul-activities';
import { createRiskAssessmentActivities } from './activities/risk-assessment-activities';
import { createReportActivities, reportRecipientsFromEnv } from './activities/report-activities';
import { createDailyListActivities, dailyListRecipientsFromEnv } from './activities/daily-list-activities';
import { riskReminderDelivery } from './activities/risk-reminder-delivery';
import { withRiskReminderInBell } from './activities/risk-reminder-bell';
import type { PolicySource } from './activities/policy-source';
import { createSmokeActivities } from './activities/smoke-activities';
import { workflowBundleFor } from './workflow-bundle';
import { createWorkerHealthServer } from './worker-health';
import { WORKER_DATA_SOURCE } from './worker.tokens';

const logger = createLogger('worker');

/**
 * Runs the Temporal worker and its health port (WORKER_HEALTH_PORT); on SIGTERM it stops polling and
 * drains the tasks in hand.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker | null = null;
  private running: Promise<void> | null = null;
  private connection: NativeConnection | null = null;
  private readonly mailers: Mailer[] = [];
  private readonly health = createWorkerHealthServer(() => ({
    connection: this.connection,
    worker: this.worker,
  }));

  constructor(
    private readonly config: ConfigService<WorkerConfig, true>,
    @Inject(WORKER_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.serveHealth();
    Runtime.install({
      logger: {
        log: (level, message, meta) =>
          logger[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error')](
            { ...meta },
            message,
          ),
        trace: (m, meta) => logger.trace(meta ?? {}, m),
        debug: (m, meta) => logger.debug(meta ?? {}, m),
        info: (m, meta) => logger.info(meta ?? {}, m),
        warn: (m, meta) => logger.warn(meta ?? {}, m),
        error: (m, meta) => logger.error(meta ?? {}, m),
      },
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
    });
    this.connection = await this.connectToTemporal();
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.get('TEMPORAL_NAMESPACE', { infer: true }),
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
      dataConverter: temporalDataConverter(),
      workflowBundle: await workflowBundleFor(this.config.get('WORKFLOW_BUNDLE_PATH', { infer: true }), {
        logger: Runtime.instance().logger,
      }),
      activities: {
        ...createSmokeActivities({ dataSource: this.dataSource }),
        ...createCaseActivities({
          cases: this.caseCommandService(),
          policy: this.policySource(),
          // The reminder's mail and bell item come from the projector's person notifications (issue 21).
          notifier: createCaseReminderDelivery({ db: this.dataSource }),
          notices: createCaseNoticeDelivery({ db: this.dataSource, mailer: this.mailer() }),
        }),
        ...createReportActivities({
          dataSource: this.dataSource,
          events: this.eventStore(),
          mailer: this.mailer(),
          units: organisation().units,
          organisation: organisationNameFromEnv(),
          recipients: reportRecipientsFromEnv(),
        }),
        ...createDailyListActivities({
          db: this.dataSource,
          mailer: this.mailer(),
          recipients: dailyListRecipientsFromEnv(),
          ...(process.env['KVALITET_WEB_URL'] ? { webUrl: process.env['KVALITET_WEB_URL'] } : {}),
        }),
        ...createGallringActivities({
          store: this.eventStore(),
          db: this.dataSource,
          copyRetentionDays: copyRetentionDaysFromEnv(process.env),
        }),
        ...createLedningssystemActivities({ store: this.eventStore(), policy: this.policySource() }),
        ...createArshjulActivities({ store: this.eventStore(), organisation: organisation() }),
        ...createRiskAssessmentActivities({
          riskAssessments: new RiskAssessmentCommandService(
            this.eventStore(),
            new RiskPolicyRepository(this.eventStore()),
          ),
          policy: this.policySource(),
          notifier: withRiskReminderInBell(
            riskReminderDelivery(createCaseReminderDelivery({ db: this.dataSource, mailer: this.mailer() })),
            { db: this.dataSource, webUrl: process.env['KVALITET_WEB_URL'] ?? 'http://localhost:3000' },
          ),
        }),
      },
      maxConcurrentActivityTaskExecutions: this.config.get('WORKER_MAX_CONCURRENT_ACTIVITIES', {
        infer: true,
      }),
      ...this.workflowTuning(),
      shutdownGraceTime: '20s',
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) => {
      logger.fatal({ err: error }, 'Temporal-arbetaren stannade oväntat');
      process.exit(1);
    });
    logger.info(
      { taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }) },
      'Temporal-arbetaren är igång',
    );
  }

  /**
   * Waits for Temporal instead of failing the start (issue 20): a worker started before its server
   * (a deployment's order, a restart of the server) is live and not ready until Temporal answers,
   * trying again after 1 s doubling to 30 s and logging when it starts waiting and when it connects.
   */
  private async connectToTemporal(): Promise<NativeConnection> {
    const { connection: options } = temporalConnectionSettings((name) =>
      this.config.get(name, { infer: true }),
    );
    const address = options.address;
    let delayMs = 1000;
    let waitingSince: number | null = null;
    for (;;) {
      try {
        const connection = await NativeConnection.connect(options);
        if (waitingSince !== null)
          logger.info(
            `Temporal svarar på ${address} efter ${Math.round((Date.now() - waitingSince) / 1000)} s / Temporal answers`,
          );
        return connection;
      } catch (err) {
        if (waitingSince === null) {
          waitingSince = Date.now();
          logger.warn(
            { err },
            `Temporal svarar inte på ${address}; väntar och försöker igen / Temporal does not answer, retrying`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(30_000, delayMs * 2);
      }
    }
  }

  /** A port in use is logged, not fatal: the worker's tasks matter more than its probes. */
  private async serveHealth(): Promise<void> {
    const port = this.config.get('WORKER_HEALTH_PORT', { infer: true });
    await this.health.serve(port, this.config.get('WORKER_HEALTH_HOST', { infer: true }), logger);
  }

  /** Events the activities append go to this installation's topics (KAFKA_NAMESPACE, as in the projector). */
  private eventStore(): EventStore {
    const namespace = this.config.get('KAFKA_NAMESPACE', { infer: true });
    return new EventStore(this.dataSource, { topicFor: (type) => topicForAggregate(type, namespace) });
  }

  private caseCommandService(): CaseCommandService {
    return new CaseCommandService(this.eventStore());
  }

  /** Optional workflow-task concurrency and sticky-cache size (bench/workflow-orchestration.bench.ts). */
  private workflowTuning(): { maxConcurrentWorkflowTaskExecutions?: number; maxCachedWorkflows?: number } {
    const tasks = this.config.get('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', { infer: true });
    const cached = this.config.get('WORKER_MAX_CACHED_WORKFLOWS', { infer: true });
    return {
      ...(tasks === undefined ? {} : { maxConcurrentWorkflowTaskExecutions: tasks }),
      ...(cached === undefined ? {} : { maxCachedWorkflows: cached }),
    };
  }

  /** Reminders by e-mail: SMTP_URL, or the local capture in Postgres (the embedded default). */
  private mailer(): Mailer {
    const config = mailConfigFromEnv();
    this.mailers.push(
      new Mailer({
        db: this.dataSource,
        smtpUrl: config.SMTP_URL,
        from: config.MAIL_FROM,
        addressDomain: config.MAIL_DOMAIN,
      }),
    );
    return this.mailers[this.mailers.length - 1]!;
  }

  /** The versioned policy (PUT /policy), read when a deadline starts or escalates. */
  private policySource(): PolicySource {
    return new PolicyRepository(this.eventStore());
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    logger.info({ signal }, 'stänger Temporal-arbetaren (dränerar pågående uppgifter)');
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
    for (const mailer of this.mailers) mailer.close();
    await this.health.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
