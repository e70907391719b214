import { z } from 'zod';
import { checkWithin, healthPort, ProcessHealthServer, type ReadinessCheck } from './health-server';
import { validateConfig } from './validate-config';

describe('ProcessHealthServer (issue 20)', () => {
  let checks: ReadinessCheck[] = [];
  const server = new ProcessHealthServer(
    'worker',
    async () => checks,
    () => ({ extra: 'x' }),
  );
  let base = '';
  beforeAll(async () => {
    const listening = await server.listen(0, '127.0.0.1');
    if ('error' in listening) throw listening.error;
    base = `http://127.0.0.1:${listening.port}`;
  });
  afterAll(() => server.close());

  it('is live always, ready only when every check passes, and says which one fails', async () => {
    checks = [
      { name: 'temporal', ok: true, detail: 'svarar / answers' },
      { name: 'polling', ok: false, detail: 'startar / starting' },
    ];
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const notReady = await fetch(`${base}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      status: 'unavailable',
      message: 'worker är inte redo / is not ready: polling: startar / starting',
      extra: 'x',
    });

    checks = [{ name: 'temporal', ok: true, detail: 'svarar / answers' }];
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks });
  });

  it('serves Prometheus text with the readiness it sees, and 404 elsewhere', async () => {
    checks = [{ name: 'temporal', ok: false, detail: 'nej' }];
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toContain('kvalitet_ready{service="worker"} 0');
    expect(text).toContain('kvalitet_readiness_check{service="worker",check="temporal"} 0');
    expect(text).toContain('kvalitet_worker_process_cpu_seconds_total');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });

  it('reports a port in use instead of throwing', async () => {
    const other = new ProcessHealthServer('projector', async () => []);
    const taken = await other.listen(Number(new URL(base).port), '127.0.0.1');
    expect('error' in taken).toBe(true);
    await other.close();
  });

  it('checkWithin turns a hang into a failed check naming the time', async () => {
    const hung = await checkWithin('postgres', () => new Promise(() => undefined), 20);
    expect(hung).toEqual({ name: 'postgres', ok: false, detail: 'inget svar inom / no answer within 20 ms' });
    expect(await checkWithin('postgres', async () => 1)).toMatchObject({ ok: true });
  });
});

describe('a health port in a configuration schema', () => {
  const schema = z.object({ WORKER_HEALTH_PORT: healthPort.default(3002) });
  it('defaults, accepts 0 (off) and refuses what is not a port, naming the variable', () => {
    expect(validateConfig(schema, {}).WORKER_HEALTH_PORT).toBe(3002);
    expect(validateConfig(schema, { WORKER_HEALTH_PORT: '0' }).WORKER_HEALTH_PORT).toBe(0);
    expect(() => validateConfig(schema, { WORKER_HEALTH_PORT: 'abc' })).toThrow(
      'WORKER_HEALTH_PORT: måste vara ett portnummer 0–65535',
    );
    expect(() => validateConfig(schema, { WORKER_HEALTH_PORT: '70000' })).toThrow(
      'WORKER_HEALTH_PORT: måste vara 0–65535',
    );
  });
});
