import { expectProblem, startApi, type ApiResponse, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';

interface UserPage {
  items: { username: string; name: string; roles: string[]; unitIds: string[] }[];
  total: number;
  page: number;
  pageSize: number;
}

interface CaseBody {
  id: string;
  version: number;
  assignee?: string;
}

/**
 * People instead of usernames (issue 21, "People"; review ui.md "kalle.anka was accepted", security
 * L-6): the user directory for the pickers, and every command that gives work to a person refuses
 * one who does not exist, or who works for another nämnd than the case or unit (DATA-3), with 400,
 * the username in the message, and nothing written.
 */
describe('user directory and the people commands accept (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'sas', 'kvalitet', 'ledning'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const call = <T>(user: string, method: string, path: string, body?: unknown) =>
    api.call<T>(method, `/api/v1${path}`, { token: t[user]!, ...(body === undefined ? {} : { body }) });
  const users = (user: string, query: string) => call<UserPage>(user, 'GET', `/users${query}`);
  const usernames = (page: ApiResponse<UserPage>) => page.body.items.map((u) => u.username);

  /** 400 with the field's code, and a detail that names the person. */
  const refusedPerson = (response: ApiResponse, field: string, code: string, username: string) => {
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ field, code })]);
    expect(problem.detail).toContain(username);
  };

  const eventCount = async (aggregateId: string): Promise<number> => {
    const rows: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM events WHERE aggregate_id = $1`,
      [aggregateId],
    );
    return Number(rows[0]!.count);
  };

  const solgardenDeviation = async (): Promise<CaseBody> => {
    const created = await call<CaseBody>('medarbetare', 'POST', '/cases', report('deviation', 'solgarden'));
    expect(created.status).toBe(201);
    return created.body;
  };

  it('lists names, roles and units of every signed-in user, filtered by search, role and unit, paged', async () => {
    expectProblem(await api.call('GET', '/api/v1/users'), 401, 'UNAUTHENTICATED');
    const all = await users('medarbetare', '?pageSize=500');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(15);
    expect(all.body.items).toContainEqual({
      username: 'mas',
      name: 'Lena Ström',
      roles: ['mas'],
      unitIds: ['forvaltning'],
    });
    for (const item of all.body.items)
      expect(Object.keys(item).sort()).toEqual(['name', 'roles', 'unitIds', 'username']);

    expect(usernames(await users('enhetschef', '?q=LENA%20strom'))).toEqual(['mas']);
    expect(usernames(await users('enhetschef', '?q=strom')).sort()).toEqual(['enhetschef.linden', 'mas']);
    expect(usernames(await users('enhetschef', '?q=johan%20berg'))).toEqual(['enhetschef']);
    expect(usernames(await users('enhetschef', '?role=unit_manager')).sort()).toEqual([
      'enhetschef',
      'enhetschef.ekbacken',
      'enhetschef.linden',
    ]);
    const linden = usernames(await users('enhetschef', '?unitId=linden&pageSize=100'));
    expect(linden).toEqual(expect.arrayContaining(['enhetschef.linden', 'medarbetare.linden', 'mas']));
    expect(linden).not.toContain('enhetschef');
    expect(linden).not.toContain('sas');

    const second = await users('kvalitet', '?role=unit_manager&pageSize=2&page=2');
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.body.items).toHaveLength(1);

    expectProblem(await users('kvalitet', '?role=kung'), 400, 'VALIDATION_FAILED');
    expectProblem(await users('kvalitet', '?unitId=ingenstans'), 400, 'VALIDATION_FAILED');
  });

  it('knows a user the identity provider has signed in, and lets them be given a case of their nämnd', async () => {
    await api.db.dataSource.query(
      `INSERT INTO directory_users (username, name, roles, unit_ids) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING`,
      ['nina.norr', 'Nina Norrman', ['unit_manager'], ['hemtjanst-norr']],
    );
    expect((await users('enhetschef', '?q=norrman')).body.items).toEqual([
      { username: 'nina.norr', name: 'Nina Norrman', roles: ['unit_manager'], unitIds: ['hemtjanst-norr'] },
    ]);
    const { id } = await solgardenDeviation();
    const assigned = await call<CaseBody>('enhetschef', 'POST', `/cases/${id}/assign`, {
      assignee: 'nina.norr',
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe('nina.norr');
  });

  it('refuses kalle.anka as the case investigator and as the case action owner, writing nothing', async () => {
    const { id } = await solgardenDeviation();
    const before = await eventCount(id);
    refusedPerson(
      await call('enhetschef', 'POST', `/cases/${id}/assign`, { assignee: 'kalle.anka' }),
      'assignee',
      'UNKNOWN_USER',
      'kalle.anka',
    );
    expect((await call('enhetschef', 'POST', `/cases/${id}/start-investigation`, {})).status).toBe(200);
    expect(
      (
        await call('enhetschef', 'POST', `/cases/${id}/record-investigation`, {
          summary: 'Rutinen följdes inte',
          causes: ['routine'],
        })
      ).status,
    ).toBe(200);
    const investigated = await eventCount(id);
    expect(investigated).toBeGreaterThan(before);
    const refused = await call('enhetschef', 'POST', `/cases/${id}/add-action`, {
      title: 'Genomgång av rutinen',
      level: 'organisational',
      owner: 'kalle.anka',
      dueAt: isoMinutesFromNow(14 * 24 * 60),
    });
    expect(expectProblem(refused, 400, 'VALIDATION_FAILED').errors).toEqual([
      expect.objectContaining({ field: 'owner', code: 'UNKNOWN_USER' }),
    ]);
    expect(await eventCount(id)).toBe(investigated);
  });

  it('refuses a user of another nämnd, staff and ledning as the investigator of a Solgården case; a unit manager of the same nämnd may be asked', async () => {
    const { id } = await solgardenDeviation();
    const before = await eventCount(id);
    const otherBoard = await call('enhetschef', 'POST', `/cases/${id}/assign`, {
      assignee: 'enhetschef.linden',
    });
    refusedPerson(otherBoard, 'assignee', 'USER_CANNOT_SEE_CASE', 'enhetschef.linden');
    expect(expectProblem(otherBoard, 400, 'VALIDATION_FAILED').detail).toContain('Sofia Wikström');
    for (const assignee of ['medarbetare.linden', 'medarbetare', 'ledning'])
      refusedPerson(
        await call('enhetschef', 'POST', `/cases/${id}/assign`, { assignee }),
        'assignee',
        'USER_CANNOT_SEE_CASE',
        assignee,
      );
    expect(await eventCount(id)).toBe(before);
    const sameBoard = await call<CaseBody>('enhetschef', 'POST', `/cases/${id}/assign`, {
      assignee: 'enhetschef.ekbacken',
    });
    expect(sameBoard.status).toBe(200);
  });

  it('refuses kalle.anka and a user of another nämnd as owner or responsible in every register command, writing nothing', async () => {
    const countOf = async (aggregateType: string): Promise<number> => {
      const rows: { count: string }[] = await api.db.dataSource.query(
        `SELECT count(*) FROM events WHERE aggregate_type = $1`,
        [aggregateType],
      );
      return Number(rows[0]!.count);
    };
    const due = isoMinutesFromNow(30 * 24 * 60);
    const { id: caseId } = await solgardenDeviation();
    const year = new Date().getFullYear() + 3;
    expect((await call('kvalitet', 'POST', '/arshjul', { year })).status).toBe(201);

    const commands: { path: string; user: string; field: string; body: (who: string) => unknown }[] = [
      {
        path: '/improvement-actions',
        user: 'enhetschef',
        field: 'plan.owner',
        body: (who) => ({
          unitId: 'solgarden',
          source: { caseId, causes: ['routine'] },
          plan: {
            title: 'Checklista',
            level: 'organisational',
            owner: who,
            dueAt: due,
            expectedEffect: 'Färre fall',
          },
        }),
      },
      {
        path: '/risk-assessments',
        user: 'enhetschef',
        field: 'owner',
        body: () => null,
      },
      {
        path: '/egenkontroll/plans',
        user: 'enhetschef',
        field: 'controls[0].responsible',
        body: (who) => ({
          unitId: 'solgarden',
          year,
          controls: [
            {
              kind: 'loggkontroll',
              title: 'Loggkontroll',
              method: 'Stickprov',
              sampleRule: '10 ärenden',
              frequency: 'quarterly',
              responsible: who,
            },
          ],
        }),
      },
      {
        path: '/routines',
        user: 'kvalitet',
        field: 'owner',
        body: (who) => ({
          kind: 'routine',
          level: 3,
          code: `RUT-PEOPLE-${who}`,
          title: 'Rapportera lex Sarah',
          unitId: 'solgarden',
          owner: who,
          revisionInterval: 'P1Y',
        }),
      },
      {
        path: `/arshjul/${year}/items`,
        user: 'kvalitet',
        field: 'owner',
        body: (who) => ({ kind: 'annat', title: 'Brukarråd', owner: who, dueOn: `${year}-06-01` }),
      },
      {
        path: '/appointments',
        user: 'kvalitet',
        field: 'holder',
        body: (who) => ({
          role: 'sas',
          holder: who,
          unitId: 'solgarden',
          decision: { decidedBy: 'forvaltningschef', decidedOn: '2026-01-21', reference: 'FC 2026/3' },
          validFrom: '2026-01-01',
        }),
      },
      {
        path: '/handelseanalyser',
        user: 'sas',
        field: 'owner',
        body: (who) => ({ title: 'Fall vid förflyttning', owner: who, caseIds: [caseId] }),
      },
    ];
    const aggregates = ['improvement', 'egenkontroll', 'routine', 'arshjul', 'event_analysis', 'appointment'];
    const before = await Promise.all(aggregates.map(countOf));
    for (const command of commands.filter((c) => c.path !== '/risk-assessments')) {
      refusedPerson(
        await call(command.user, 'POST', command.path, command.body('kalle.anka')),
        command.field,
        'UNKNOWN_USER',
        'kalle.anka',
      );
      refusedPerson(
        await call(command.user, 'POST', command.path, command.body('enhetschef.linden')),
        command.field,
        'USER_CANNOT_SEE_CASE',
        'enhetschef.linden',
      );
    }
    expect(await Promise.all(aggregates.map(countOf))).toEqual(before);

    const assessment = await call<{ id: string; risks: { id: string }[] }>(
      'enhetschef',
      'POST',
      '/risk-assessments',
      {
        title: 'Fall vid förflyttning nattetid',
        unitId: 'solgarden',
        trigger: 'deviation_pattern',
        description: 'Tre fall på en månad.',
        risks: [{ description: 'Brukare faller', probability: 3, severity: 4, causes: ['Ensam personal'] }],
      },
    );
    expect(assessment.status).toBe(201);
    const assessed = await eventCount(assessment.body.id);
    for (const [who, code] of [
      ['kalle.anka', 'UNKNOWN_USER'],
      ['enhetschef.linden', 'USER_CANNOT_SEE_CASE'],
    ] as const)
      refusedPerson(
        await call('enhetschef', 'POST', `/risk-assessments/${assessment.body.id}/actions`, {
          riskId: assessment.body.risks[0]!.id,
          title: 'Dubbelbemanning',
          owner: who,
          dueAt: due,
          causeIndexes: [0],
        }),
        'owner',
        code,
        who,
      );
    expect(await eventCount(assessment.body.id)).toBe(assessed);
  });
});
