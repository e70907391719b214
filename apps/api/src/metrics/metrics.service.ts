import cluster from 'node:cluster';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ALL_EVENT_TOPICS } from '@kvalitet/contracts';
import { clusterMetricsFromPrimary } from '../cluster/cluster-metrics-client';
import type { AnsweredRequestObserver } from '../common/http/request-observation.middleware';
import { DATA_SOURCE, KAFKA } from '../infrastructure/infrastructure.tokens';
import { readOpenDeadLetters } from '../operations/open-dead-letters';
import { registerDeadLetterGauges } from './dead-letter-gauges';

const LAG_CACHE_MS = 15_000;
const LAG_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** The labels of the request counter and latency histogram. */
type MetricLabel = 'method' | 'route' | 'status';

/**
 * Prometheus metrics of this api process (a registry of its own, so several apps in one test process
 * do not collide): requests by route pattern and status, their latency, the outbox backlog, and the
 * lag of the consumer groups reading the event topics (cached, computed on scrape), and the open
 * dead letters per consumer (issue 23).
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly requests: Counter<MetricLabel>;
  private readonly latency: Histogram<MetricLabel>;
  private admin: Admin | null = null;
  private lagCache: { at: number; values: { group: string; topic: string; lag: number }[] } | null = null;
  private readonly series = new Map<
    string,
    { requests: Counter.Internal; latency: Histogram.Internal<MetricLabel> }
  >();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'kvalitet_api_' });
    if (cluster.isWorker) {
      // prom-client answers the primary's requests only once an AggregatorRegistry exists in the worker
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.registry]);
    }
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP-förfrågningar per route och status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Svarstid per route och status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    const dataSourceRef = this.dataSource;
    new Gauge({
      name: 'outbox_backlog',
      help: 'Händelser i utkorgen som ännu inte publicerats till Kafka',
      // every api process reads the same backlog: in a cluster it is one value, not one per process
      aggregator: 'max',
      registers: [this.registry],
      async collect() {
        const rows: { count: string }[] = await dataSourceRef.query(
          'SELECT count(*) FROM outbox WHERE published_at IS NULL',
        );
        this.set(Number(rows[0]?.count ?? 0));
      },
    });
    const lag = () => this.consumerLag();
    new Gauge({
      name: 'kafka_consumer_lag',
      help: 'Meddelanden som konsumentgrupperna ännu inte läst, per grupp och topic',
      aggregator: 'max',
      labelNames: ['group', 'topic'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const value of await lag()) this.set({ group: value.group, topic: value.topic }, value.lag);
      },
    });
    registerDeadLetterGauges(this.registry, () => readOpenDeadLetters(this.dataSource));
  }

  /** The Prometheus text of this api: in a cluster (ADR 0013) all its processes together. */
  scrape(): Promise<string> {
    return cluster.isWorker && process.env.API_WORKER === 'true'
      ? clusterMetricsFromPrimary()
      : this.registry.metrics();
  }

  /** Counts one answered request; requestObservationMiddleware is first, so also 413/415 count. */
  readonly observe: AnsweredRequestObserver = (request, response, started) => {
    const pattern = (request.route as { path?: unknown } | undefined)?.path;
    const series = this.seriesOf(
      request.method,
      typeof pattern === 'string' ? pattern : 'unmatched',
      response.statusCode,
    );
    series.requests.inc();
    series.latency.observe(Number(process.hrtime.bigint() - started) / 1e9);
  };

  /**
   * The counter and histogram children of one method/route/status, looked up once: prom-client
   * otherwise builds and hashes a label key on every observation.
   */
  private seriesOf(
    method: string,
    route: string,
    status: number,
  ): { requests: Counter.Internal; latency: Histogram.Internal<MetricLabel> } {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      const labels = { method, route, status: String(status) };
      series = { requests: this.requests.labels(labels), latency: this.latency.labels(labels) };
      this.series.set(key, series);
    }
    return series;
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async consumerLag(): Promise<{ group: string; topic: string; lag: number }[]> {
    if (this.lagCache && Date.now() - this.lagCache.at < LAG_CACHE_MS) return this.lagCache.values;
    const values: { group: string; topic: string; lag: number }[] = [];
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin({ retry: { retries: 0 } });
        await withTimeout(this.admin.connect(), LAG_TIMEOUT_MS);
      }
      const admin = this.admin;
      const { groups } = await withTimeout(admin.listGroups(), LAG_TIMEOUT_MS);
      const ends = new Map<string, Map<number, number>>();
      for (const topic of ALL_EVENT_TOPICS) {
        const offsets = await withTimeout(admin.fetchTopicOffsets(topic), LAG_TIMEOUT_MS).catch(() => null);
        if (offsets) ends.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
      }
      for (const { groupId } of groups) {
        const committed = await withTimeout(
          admin.fetchOffsets({ groupId, topics: [...ends.keys()] }),
          LAG_TIMEOUT_MS,
        );
        for (const { topic, partitions } of committed) {
          if (!partitions.some((p) => Number(p.offset) >= 0)) continue;
          const high = ends.get(topic);
          const lag = partitions.reduce(
            (sum, p) => sum + Math.max(0, (high?.get(p.partition) ?? 0) - Math.max(0, Number(p.offset))),
            0,
          );
          values.push({ group: groupId, topic, lag });
        }
      }
    } catch {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = null;
      return this.lagCache?.values ?? [];
    }
    this.lagCache = { at: Date.now(), values };
    return values;
  }
}
