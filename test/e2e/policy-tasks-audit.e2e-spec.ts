import { randomUUID } from 'node:crypto';
import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import { CaseCommandService, PolicyRepository } from '@kvalitet/persistence';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface PolicyBody {
  version: number;
  deadlines: Record<string, unknown>;
  escalationChain: string[];
}

interface TaskPage {
  items: {
    id: string;
    caseId: string;
    caseNumber: string;
    kind: string;
    dueAt: string | null;
    overdue: boolean;
    status: string;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

describe('policy, task inbox, access log (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'avdelningschef',
      'sas',
      'kvalitet',
      'ledning',
    ])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('deadline policy', () => {
    const document = {
      deadlines: {
        ...DEFAULT_DEADLINE_POLICY.deadlines,
        acknowledgement: 'PT10S',
        investigation: { workingDays: 20 },
        extra_reminder: 'P1D',
      },
      escalationChain: ['unit_manager', 'director'],
    };

    it('starts at the default policy, version 1', async () => {
      const response = await api.call<PolicyBody>('GET', '/api/v1/policy', { token: t['kvalitet'] });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...DEFAULT_DEADLINE_POLICY,
        deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines },
        escalationChain: [...DEFAULT_DEADLINE_POLICY.escalationChain],
      });
    });

    it('PUT without version makes version 2, with the current version 3; a stale one is 409', async () => {
      const v2 = await api.call<PolicyBody>('PUT', '/api/v1/policy', {
        token: t['kvalitet'],
        body: document,
      });
      expect(v2.status).toBe(200);
      expect(v2.body).toEqual({ version: 2, ...document });
      const v3 = await api.call<PolicyBody>('PUT', '/api/v1/policy', {
        token: t['kvalitet'],
        body: { ...document, version: 2, escalationChain: ['unit_manager', 'division_manager', 'director'] },
      });
      expect(v3.status).toBe(200);
      expect(v3.body.version).toBe(3);
      expectProblem(
        await api.call('PUT', '/api/v1/policy', { token: t['kvalitet'], body: { ...document, version: 2 } }),
        409,
        'VERSION_CONFLICT',
      );
      const current = await api.call<PolicyBody>('GET', '/api/v1/policy', { token: t['enhetschef'] });
      expect(current.body).toMatchObject({
        version: 3,
        escalationChain: ['unit_manager', 'division_manager', 'director'],
      });
      const events: { aggregate_type: string; type: string; version: number }[] =
        await api.db.dataSource.query(
          `SELECT aggregate_type, type, version FROM events WHERE aggregate_type = 'policy' ORDER BY version`,
        );
      expect(events).toEqual([
        { aggregate_type: 'policy', type: 'DeadlinePolicyChanged', version: 1 },
        { aggregate_type: 'policy', type: 'DeadlinePolicyChanged', version: 2 },
      ]);
    });

    it('gives the Temporal activities the same policy through PolicyRepository', async () => {
      const repository = new PolicyRepository(api.store);
      expect((await repository.current()).version).toBe(3);
      expect((await repository.atVersion(1))?.deadlines['acknowledgement']).toBe('PT24H');
      expect((await repository.atVersion(2))?.deadlines['acknowledgement']).toBe('PT10S');
      expect(await repository.atVersion(4)).toBeNull();
    });

    it('refuses a bad document with 400 naming each field', async () => {
      const bad = {
        deadlines: {
          ...DEFAULT_DEADLINE_POLICY.deadlines,
          ivo_report: '7 dagar',
          follow_up: { workingDays: 0 },
        },
        escalationChain: ['unit_manager', 'chef'],
        note: 'x',
      };
      const problem = expectProblem(
        await api.call('PUT', '/api/v1/policy', { token: t['kvalitet'], body: bad }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((e) => [e.field, e.code])).toEqual(
        expect.arrayContaining([
          ['note', 'UNKNOWN_FIELD'],
          ['deadlines.ivo_report', 'INVALID_DURATION'],
          ['deadlines.follow_up.workingDays', 'INVALID_WORKING_DAYS'],
          ['escalationChain[1]', 'UNKNOWN_ROLE'],
        ]),
      );
      const missing = expectProblem(
        await api.call('PUT', '/api/v1/policy', {
          token: t['kvalitet'],
          body: { escalationChain: ['director'] },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(missing.errors?.[0]).toMatchObject({ field: 'deadlines', code: 'REQUIRED' });
    });

    it('lets only kvalitet change it, whatever the body', async () => {
      expectProblem(
        await api.call('PUT', '/api/v1/policy', { token: t['enhetschef'], body: document }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await api.call('PUT', '/api/v1/policy', { token: t['enhetschef'], body: { trasig: true } }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await api.call('GET', '/api/v1/policy', { token: t['medarbetare'] }), 403, 'FORBIDDEN');
    });
  });

  describe('task inbox', () => {
    it('shows tasks by name, and role tasks within the caller’s units, with overdue', async () => {
      const solgarden = await api.call<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', {
        token: t['medarbetare'],
        body: report('lex_sarah', 'solgarden'),
      });
      const ekbacken = await api.call<{ id: string }>('POST', '/api/v1/cases', {
        token: t['enhetschef.ekbacken'],
        body: report('deviation', 'ekbacken'),
      });
      const processManager = new CaseCommandService(api.store);
      const system = { username: 'system', roles: [] };
      const ackTask = randomUUID();
      const sasTask = randomUUID();
      const doneTask = randomUUID();
      await processManager.execute(solgarden.body.id, {
        type: 'create-task',
        actor: system,
        data: {
          taskId: ackTask,
          kind: 'acknowledge',
          assigneeRole: 'unit_manager',
          dueAt: isoMinutesFromNow(-5),
        },
      });
      await processManager.execute(solgarden.body.id, {
        type: 'create-task',
        actor: system,
        data: {
          taskId: sasTask,
          kind: 'investigate',
          assignee: 'sas',
          dueAt: isoMinutesFromNow(14 * 24 * 60),
        },
      });
      await processManager.execute(solgarden.body.id, {
        type: 'create-task',
        actor: system,
        data: { taskId: doneTask, kind: 'classify', assigneeRole: 'unit_manager' },
      });
      await processManager.execute(solgarden.body.id, {
        type: 'complete-task',
        actor: system,
        data: { taskId: doneTask },
      });
      await processManager.execute(ekbacken.body.id, {
        type: 'create-task',
        actor: system,
        data: { taskId: randomUUID(), kind: 'acknowledge', assigneeRole: 'unit_manager' },
      });
      await syncReadModels(api.db.dataSource, api.store);

      const manager = await api.call<TaskPage>('GET', '/api/v1/tasks', { token: t['enhetschef'] });
      expect(manager.status).toBe(200);
      // The overdue task first; then the acknowledge task the lex Sarah report brought itself (ADR 0021).
      expect(manager.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
      expect(manager.body.items[1]).toMatchObject({
        caseId: solgarden.body.id,
        kind: 'acknowledge',
        overdue: false,
      });
      expect(manager.body.items[0]).toMatchObject({
        id: ackTask,
        caseId: solgarden.body.id,
        caseNumber: solgarden.body.caseNumber,
        kind: 'acknowledge',
        overdue: true,
        status: 'open',
      });
      const done = await api.call<TaskPage>('GET', '/api/v1/tasks?status=done', { token: t['enhetschef'] });
      expect(done.body.items.map((i) => i.id)).toEqual([doneTask]);
      const division = await api.call<TaskPage>('GET', '/api/v1/tasks', { token: t['avdelningschef'] });
      expect(division.body.total).toBe(0); // role tasks are for unit managers; the division manager's role gets none
      const otherUnit = await api.call<TaskPage>('GET', '/api/v1/tasks', { token: t['enhetschef.ekbacken'] });
      expect(new Set(otherUnit.body.items.map((i) => i.caseId))).toEqual(new Set([ekbacken.body.id]));
      const sas = await api.call<TaskPage>('GET', '/api/v1/tasks', { token: t['sas'] });
      expect(sas.body.items).toEqual([
        expect.objectContaining({ caseId: solgarden.body.id, kind: 'acknowledge', overdue: false }),
        expect.objectContaining({ id: sasTask, kind: 'investigate', overdue: false }),
      ]);
      expect((await api.call<TaskPage>('GET', '/api/v1/tasks', { token: t['medarbetare'] })).body.total).toBe(
        0,
      );
      expectProblem(
        await api.call('GET', '/api/v1/tasks?status=maybe', { token: t['sas'] }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('access log', () => {
    it('lists who read which case for kvalitet, filtered by case and paged', async () => {
      const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
        token: t['medarbetare'],
        body: report('deviation', 'solgarden'),
      });
      await api.call('GET', `/api/v1/cases/${created.body.id}`, { token: t['enhetschef'] });
      await api.call('GET', `/api/v1/cases/${created.body.id}/events`, { token: t['avdelningschef'] });
      await api.call('GET', `/api/v1/cases/${created.body.id}`, { token: t['kvalitet'] });
      const page = await api.call<{
        items: {
          username: string;
          action: string;
          caseId: string;
          route: string;
          requestId: string;
          roles: string[];
        }[];
        total: number;
      }>('GET', `/api/v1/audit/access-log?caseId=${created.body.id}&pageSize=2`, { token: t['kvalitet'] });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(3);
      expect(page.body.items.map((i) => [i.username, i.action])).toEqual([
        ['kvalitet', 'read_case'],
        ['avdelningschef', 'read_events'],
      ]);
      expect(page.body.items[1]).toMatchObject({
        caseId: created.body.id,
        route: 'GET /api/v1/cases/:id/events',
        roles: ['division_manager'],
      });
      const second = await api.call<{ items: { username: string }[] }>(
        'GET',
        `/api/v1/audit/access-log?caseId=${created.body.id}&pageSize=2&page=2`,
        { token: t['kvalitet'] },
      );
      expect(second.body.items.map((i) => i.username)).toEqual(['enhetschef']);
      const byUser = await api.call<{ total: number }>(
        'GET',
        `/api/v1/audit/access-log?username=enhetschef&caseId=${created.body.id}`,
        { token: t['kvalitet'] },
      );
      expect(byUser.body.total).toBe(1);
      expectProblem(await api.call('GET', '/api/v1/audit/access-log', { token: t['sas'] }), 403, 'FORBIDDEN');
      expectProblem(
        await api.call('GET', '/api/v1/audit/access-log?caseId=x', { token: t['kvalitet'] }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });
});
