import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { createLogger, type Logger } from '@kvalitet/runtime';
import { DATA_SOURCE, KAFKA, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.tokens';

export type DependencyStatus = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 3000;

/**
 * Asks each server a real question (not just "is the socket open"). What is down and why is logged
 * when it changes (the public answer of /health/ready carries the status only, issue 24).
 */
@Injectable()
export class ReadinessService {
  private readonly logger: Logger = createLogger('api');
  private lastDown = '';

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  async check(): Promise<{
    ready: boolean;
    dependencies: Record<'postgres' | 'temporal' | 'kafka', DependencyStatus>;
  }> {
    const [postgres, temporal, kafka] = await Promise.all([
      this.measure(() => this.dataSource.query('SELECT 1')),
      this.measure(() => this.temporal.workflowService.getSystemInfo({})),
      this.measure(async () => {
        const admin = this.kafka.admin({ retry: { retries: 0 } });
        await admin.connect();
        try {
          await admin.describeCluster();
        } finally {
          await admin.disconnect();
        }
      }),
    ]);
    const dependencies = { postgres, temporal, kafka };
    const down = Object.entries(dependencies)
      .flatMap(([name, d]) => (d.status === 'down' ? [`${name}: ${d.error}`] : []))
      .join('; ');
    if (down !== this.lastDown) {
      if (down) this.logger.warn({ dependencies }, `inte redo / not ready: ${down}`);
      else this.logger.info('redo igen / ready again');
      this.lastDown = down;
    }
    return { ready: Object.values(dependencies).every((d) => d.status === 'up'), dependencies };
  }

  private async measure(probe: () => Promise<unknown>): Promise<DependencyStatus> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`inget svar inom ${CHECK_TIMEOUT_MS} ms`)),
            CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
