import type { Logger } from 'pino';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { z } from 'zod';

/** A health port in a process's configuration schema; 0 serves none. */
export const healthPort = z.coerce
  .number({ invalid_type_error: 'måste vara ett portnummer 0–65535 / must be a port number 0–65535' })
  .int('måste vara ett heltal / must be an integer')
  .min(0, 'måste vara 0–65535 / must be 0–65535')
  .max(65535, 'måste vara 0–65535 / must be 0–65535');

/** One question a process asks before it calls itself ready; `detail` says what is wrong, in Swedish and English. */
export type ReadinessCheck = { name: string; ok: boolean; detail: string };

export const READINESS_CHECK_TIMEOUT_MS = 3000;

/** Runs `probe` within `timeoutMs`; a timeout or a throw is a failed check with its message. */
export async function checkWithin(
  name: string,
  probe: () => Promise<unknown>,
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`inget svar inom / no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    return { name, ok: true, detail: 'svarar / answers' };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/health/live`, `/health/ready` and `/metrics` (Prometheus text) of a process that serves no HTTP
 * of its own: the Temporal worker and the projector (issue 20). Liveness is 200 while the event loop
 * answers; readiness is 200 only when every check passes, else 503 with each check's detail (these
 * ports are for probes and scrapers on the inside, like the api's METRICS_TOKEN-protected details).
 * `kvalitet_ready{service}` and `kvalitet_readiness_check{service,check}` mirror the last answer so a
 * scraper sees what a probe saw.
 */
export class ProcessHealthServer {
  readonly registry = new Registry();
  private server: Server | null = null;
  private readonly readyGauge: Gauge<'service'>;
  private readonly checkGauge: Gauge<'service' | 'check'>;

  constructor(
    private readonly service: string,
    private readonly readiness: () => Promise<ReadinessCheck[]>,
    /** More of the process's state in the readiness body (the projector's consumers). */
    private readonly details: () => Record<string, unknown> = () => ({}),
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: `kvalitet_${service}_` });
    this.readyGauge = new Gauge({
      name: 'kvalitet_ready',
      help: '1 när processen är redo / 1 while the process is ready',
      labelNames: ['service'],
      registers: [this.registry],
    });
    this.checkGauge = new Gauge({
      name: 'kvalitet_readiness_check',
      help: '1 när kontrollen går igenom / 1 while the readiness check passes',
      labelNames: ['service', 'check'],
      registers: [this.registry],
    });
  }

  /** `listen` unless the port is 0 (off), with where it listens or why it could not in the log. */
  async serve(port: number, host: string, logger: Pick<Logger, 'info' | 'warn'>): Promise<void> {
    if (port === 0) return;
    const listening = await this.listen(port, host);
    if ('error' in listening)
      logger.warn(
        { err: listening.error },
        `hälsa och mått kunde inte startas på ${host}:${port} / health and metrics not served`,
      );
    else
      logger.info(
        `hälsa och mått / health and metrics: http://${host}:${listening.port}/health/live, /health/ready, /metrics`,
      );
  }

  /** Binds the port; a port in use is reported, not thrown, so the process keeps doing its work. */
  async listen(port: number, host: string): Promise<{ port: number } | { error: Error }> {
    const server = createServer((req, res) => {
      void this.answer(req.url ?? '/').then(
        ({ status, type, body }) => {
          res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(error instanceof Error ? error.message : String(error));
        },
      );
    });
    return new Promise((resolve) => {
      server.once('error', (error) => resolve({ error }));
      server.listen(port, host, () => {
        this.server = server;
        const address = server.address();
        resolve({ port: typeof address === 'object' && address ? address.port : port });
      });
    });
  }

  /** The checks, run now; the gauges are set from them. */
  async check(): Promise<{ ready: boolean; checks: ReadinessCheck[] }> {
    const checks = await this.readiness();
    const ready = checks.every((c) => c.ok);
    this.readyGauge.set({ service: this.service }, ready ? 1 : 0);
    for (const c of checks) this.checkGauge.set({ service: this.service, check: c.name }, c.ok ? 1 : 0);
    return { ready, checks };
  }

  private async answer(url: string): Promise<{ status: number; type: string; body: string }> {
    const path = url.split('?')[0];
    if (path === '/metrics') {
      await this.check();
      return { status: 200, type: this.registry.contentType, body: await this.registry.metrics() };
    }
    if (path === '/health/live')
      return { status: 200, type: 'application/json', body: JSON.stringify({ status: 'ok' }) };
    if (path === '/health/ready') {
      const { ready, checks } = await this.check();
      const failing = checks.filter((c) => !c.ok);
      return {
        status: ready ? 200 : 503,
        type: 'application/json',
        body: JSON.stringify({
          status: ready ? 'ready' : 'unavailable',
          message: ready
            ? `${this.service} är redo / is ready`
            : `${this.service} är inte redo / is not ready: ${failing.map((c) => `${c.name}: ${c.detail}`).join('; ')}`,
          checks,
          ...this.details(),
        }),
      };
    }
    return { status: 404, type: 'application/json', body: JSON.stringify({ status: 404 }) };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
