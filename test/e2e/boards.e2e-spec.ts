import { randomUUID } from 'node:crypto';
import { formatIsoWeek, isoWeekOf, reportPeriodFor } from '@kvalitet/domain';
import { Mailer } from '@kvalitet/notifications';
import { REPORT_DEMO_UNITS } from '@kvalitet/reporting';
import { createReportActivities } from '../../apps/worker/src/activities/report-activities';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report, stockholmDateDaysAgo } from './support/fixtures';
import { syncReadModels } from './support/read-models';

/**
 * The secrecy boundary between the two demo boards (DATA-3, SC-3, AUD-20; ADR 0030): socialnämnden
 * (api.md's organisation) and vård- och omsorgsnämnden (config/organisation.json). No board-wide role
 * of one reads, lists, counts or reports the other's cases; the MAS who serves both sees both; the
 * cross-board aggregate gives counts per board and type only.
 */
const BOARD_WIDE_OF_SOCIALNAMNDEN = ['forvaltningschef', 'sas', 'kvalitet', 'dataskydd'] as const;
const USERS = [
  ...BOARD_WIDE_OF_SOCIALNAMNDEN,
  'ledning',
  'medarbetare',
  'mas',
  'medarbetare.linden',
  'enhetschef.linden',
  'forvaltningschef.omsorg',
  'kvalitet.omsorg',
  'sas.omsorg',
] as const;
type User = (typeof USERS)[number];

interface Created {
  id: string;
  caseNumber: string;
}
interface Page {
  items: { id: string; caseNumber?: string; caseId?: string }[];
  total?: number;
}

describe('two boards, one secrecy boundary each (DATA-3, SC-3, AUD-20)', () => {
  let api: TestApi;
  const tokens = {} as Record<User, string>;
  const board1: Created[] = [];
  const board2: Created[] = [];
  const from = stockholmDateDaysAgo(2);
  const to = stockholmDateDaysAgo(-1);
  const year = Number(to.slice(0, 4));

  const get = <T>(user: User, path: string) => api.call<T>('GET', path, { token: tokens[user] });
  const file = async (user: User, type: string, unitId: string, extra: Record<string, unknown> = {}) => {
    const created = await api.call<Created>('POST', '/api/v1/cases', {
      token: tokens[user],
      body: report(type, unitId, `Händelse ${type} på ${unitId}`, extra),
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    api = await startApi();
    for (const user of USERS) tokens[user] = await api.token(user);
    board1.push(await file('medarbetare', 'deviation', 'solgarden'));
    board1.push(await file('medarbetare', 'hsl_deviation', 'solgarden'));
    board1.push(await file('medarbetare', 'data_breach', 'solgarden'));
    board2.push(await file('medarbetare.linden', 'deviation', 'linden'));
    board2.push(await file('medarbetare.linden', 'lex_sarah', 'linden'));
    for (let i = 0; i < 3; i += 1) board2.push(await file('enhetschef.linden', 'hsl_deviation', 'linden'));
    board2.push(await file('medarbetare.linden', 'data_breach', 'bjorken'));
    await syncReadModels(api.db.dataSource, api.store);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('no board-wide role of socialnämnden reads or lists a case of vård- och omsorgsnämnden (404 as for any invisible case)', async () => {
    for (const user of BOARD_WIDE_OF_SOCIALNAMNDEN) {
      for (const c of board2) {
        expectProblem(await get(user, `/api/v1/cases/${c.id}`), 404, 'NOT_FOUND');
        expect((await get(user, `/api/v1/cases/${c.id}/events`)).status).toBe(404);
      }
      const list = await get<Page>(user, '/api/v1/cases?pageSize=100');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([board2[0]!.id]));
      expect(list.body.items.filter((i) => board2.some((c) => c.id === i.id))).toEqual([]);
      const atLinden = await get<Page>(user, '/api/v1/cases?unitId=linden');
      expect(atLinden.body.total).toBe(0);
      const inbox = await get<Page>(user, '/api/v1/tasks');
      expect(inbox.body.items.filter((t) => board2.some((c) => c.id === t.caseId))).toEqual([]);
    }
    // Their own board's cases they still read (the data breach is dataskydd's only type).
    expect((await get('kvalitet', `/api/v1/cases/${board1[0]!.id}`)).status).toBe(200);
    expect((await get('dataskydd', `/api/v1/cases/${board1[2]!.id}`)).status).toBe(200);
  });

  it("the other board's roles see their own board and not socialnämnden's", async () => {
    for (const user of ['forvaltningschef.omsorg', 'kvalitet.omsorg', 'sas.omsorg'] as const) {
      expect((await get(user, `/api/v1/cases/${board2[0]!.id}`)).status).toBe(200);
      expect((await get(user, `/api/v1/cases/${board1[0]!.id}`)).status).toBe(404);
      const list = await get<Page>(user, '/api/v1/cases?pageSize=100');
      const ids = list.body.items.map((i) => i.id);
      expect(ids).toEqual(expect.arrayContaining(board2.slice(0, 5).map((c) => c.id)));
      expect(ids.filter((id) => board1.some((c) => c.id === id))).toEqual([]);
    }
    // A unit manager of Linden reads Linden's cases only.
    expect((await get('enhetschef.linden', `/api/v1/cases/${board2[1]!.id}`)).status).toBe(200);
    expect((await get('enhetschef.linden', `/api/v1/cases/${board1[0]!.id}`)).status).toBe(404);
  });

  it('the MAS who serves both boards reads and lists the cases of both', async () => {
    for (const c of [...board1, ...board2])
      expect((await get('mas', `/api/v1/cases/${c.id}`)).status).toBe(200);
    const list = await get<Page>('mas', '/api/v1/cases?pageSize=100');
    expect(list.body.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([...board1, ...board2].map((c) => c.id)),
    );
    const boards = await get<{ items: { id: string; mine: boolean }[] }>('mas', '/api/v1/org/boards');
    expect(boards.body.items.map((b) => [b.id, b.mine])).toEqual([
      ['socialnamnden', true],
      ['omsorgsnamnden', true],
    ]);
  });

  it('statistics and reports count only the boards the caller serves; another board is 403, an unknown one 400', async () => {
    const stats = (user: User, board = '') =>
      get<{ totals: { reported: number } }>(
        user,
        `/api/v1/reports/statistics?from=${from}&to=${to}&groupBy=unit,type${board}`,
      );
    for (const user of ['forvaltningschef', 'sas', 'kvalitet', 'ledning'] as const) {
      const mine = await stats(user);
      expect(mine.status).toBe(200);
      expect(mine.body.totals.reported).toBe(board1.length);
      expect(mine.text).not.toMatch(/linden|bjorken|omsorgsforvaltning/);
      expectProblem(await stats(user, '&boardId=omsorgsnamnden'), 403, 'FORBIDDEN');
      const digest = await get(
        user,
        `/api/v1/reports/weekly-digest?week=${formatIsoWeek(isoWeekOf(new Date()))}`,
      );
      expect(digest.status).toBe(200);
      for (const c of board2) expect(digest.text).not.toContain(c.caseNumber);
      for (const c of board1) expect(digest.text).toContain(c.caseNumber);
      const annual = await get(user, `/api/v1/reports/annual?year=${year}`);
      expect(annual.status).toBe(200);
      expect(annual.text).not.toMatch(/linden|bjorken/);
    }
    expect((await stats('kvalitet.omsorg')).body.totals.reported).toBe(board2.length);
    const both = await stats('mas');
    expect(both.body.totals.reported).toBe(board1.length + board2.length);
    expect((await stats('mas', '&boardId=omsorgsnamnden')).body.totals.reported).toBe(board2.length);
    const unknown = expectProblem(await stats('mas', '&boardId=okand-namnd'), 400, 'VALIDATION_FAILED');
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'boardId', code: 'UNKNOWN_BOARD' })]);
  });

  it('the cross-board aggregate gives counts per board and type only, small counts hidden, to directors and kvalitet', async () => {
    const answer = await get<{
      threshold: number;
      items: { boardId: string; type: string; reported: number | null }[];
    }>('kvalitet', `/api/v1/reports/cross-board?year=${year}`);
    expect(answer.status).toBe(200);
    const cell = (boardId: string, type: string) =>
      answer.body.items.find((i) => i.boardId === boardId && i.type === type)?.reported;
    expect(cell('omsorgsnamnden', 'hsl_deviation')).toBe(3);
    expect(cell('omsorgsnamnden', 'deviation')).toBeNull();
    expect(cell('socialnamnden', 'deviation')).toBeNull();
    expect(cell('socialnamnden', 'complaint')).toBe(0);
    for (const item of answer.body.items)
      expect(Object.keys(item).sort()).toEqual(['boardId', 'boardName', 'reported', 'type']);
    for (const c of [...board1, ...board2]) expect(answer.text).not.toContain(c.caseNumber);
    expect((await get('forvaltningschef.omsorg', `/api/v1/reports/cross-board?year=${year}`)).status).toBe(
      200,
    );
    for (const user of ['sas', 'mas', 'ledning', 'medarbetare'] as const)
      expectProblem(await get(user, `/api/v1/reports/cross-board?year=${year}`), 403, 'FORBIDDEN');
    expectProblem(await get('kvalitet', '/api/v1/reports/cross-board?year=1999'), 400, 'VALIDATION_FAILED');
  });

  it("improvement proposals stop at the board's edge for kvalitet and the director (ADR 0030)", async () => {
    const proposed = await api.call<{ id: string }>('POST', '/api/v1/improvement-proposals', {
      token: tokens['medarbetare.linden'],
      body: {
        unitId: 'linden',
        title: 'Bättre överlämning',
        description: 'Vi tappar information vid skiftbyte.',
      },
    });
    expect(proposed.status).toBe(201);
    await syncReadModels(api.db.dataSource, api.store);
    const listed = async (user: User) =>
      (await get<Page>(user, '/api/v1/improvement-proposals')).body.items.map((i) => i.id);
    expect(await listed('kvalitet.omsorg')).toContain(proposed.body.id);
    expect(await listed('forvaltningschef.omsorg')).toContain(proposed.body.id);
    expect(await listed('kvalitet')).not.toContain(proposed.body.id);
    expect(await listed('forvaltningschef')).not.toContain(proposed.body.id);
    expect((await get('kvalitet', `/api/v1/improvement-proposals/${proposed.body.id}`)).status).toBe(404);
  });

  it("a scheduled report is archived once per board: each board's readers get their copy, the MAS who serves both the whole; mail likewise", async () => {
    const week = formatIsoWeek(isoWeekOf(new Date()));
    const activities = createReportActivities({
      dataSource: api.db.dataSource,
      events: api.store,
      mailer: new Mailer({ db: api.db.dataSource }),
      units: REPORT_DEMO_UNITS,
      organisation: 'Exempelkommun',
      recipients: { weekly_digest: ['ledning', 'kvalitet.omsorg', 'mas'] } as never,
    });
    // The digest of the current week, as its schedule would make it a week later.
    const period = reportPeriodFor('weekly_digest', new Date(Date.now() + 7 * 86_400_000));
    expect(period.key).toBe(`weekly_digest:${week}`);
    await activities.generateScheduledReport({ period, workflowId: 'e2e-boards', runId: randomUUID() });
    await activities.mailScheduledReport({ key: period.key, kind: 'weekly_digest', label: period.label });

    const listed = await get<{ key: string }[]>('kvalitet', '/api/v1/reports/generated');
    expect(listed.body.map((r) => r.key)).toEqual([period.key]);
    const read = (user: User, query = '') => get(user, `/api/v1/reports/generated/${period.key}${query}`);
    const mine = await read('kvalitet');
    expect(mine.status).toBe(200);
    for (const c of board1) expect(mine.text).toContain(c.caseNumber);
    for (const c of board2) expect(mine.text).not.toContain(c.caseNumber);
    const theirs = await read('kvalitet.omsorg');
    for (const c of board2) expect(theirs.text).toContain(c.caseNumber);
    for (const c of board1) expect(theirs.text).not.toContain(c.caseNumber);
    const whole = await read('mas');
    for (const c of [...board1, ...board2]) expect(whole.text).toContain(c.caseNumber);
    const masBoard2 = await read('mas', '?boardId=omsorgsnamnden');
    for (const c of board1) expect(masBoard2.text).not.toContain(c.caseNumber);
    expectProblem(await read('kvalitet', '?boardId=omsorgsnamnden'), 403, 'FORBIDDEN');

    const mails: { message_key: string; recipients: string[]; text_body: string }[] =
      await api.db.dataSource.query(
        `SELECT message_key, recipients, text_body FROM mail_messages WHERE message_key LIKE 'report-mail:%' ORDER BY message_key`,
      );
    expect(mails.map((m) => m.message_key)).toEqual([
      `report-mail:${period.key}`,
      `report-mail:${period.key}@omsorgsnamnden`,
      `report-mail:${period.key}@socialnamnden`,
    ]);
    expect(mails[1]!.text_body).toContain('Exempelkommun, vård- och omsorgsnämnden');
  });

  it("kvalitet reviews the access log of its own board: another board's reads and searches are not in it", async () => {
    await get('kvalitet.omsorg', `/api/v1/cases?q=${encodeURIComponent('Linden söktext')}`);
    await get('kvalitet', `/api/v1/cases/${board1[0]!.id}`);
    type Log = { items: { username: string; caseId: string | null; kind: string }[] };
    const log = async (user: User) =>
      (await get<Log>(user, '/api/v1/audit/access-log?pageSize=200')).body.items;
    const mine = await log('kvalitet');
    expect(mine.filter((e) => board2.some((c) => c.id === e.caseId))).toEqual([]);
    expect(mine.filter((e) => e.username === 'kvalitet.omsorg')).toEqual([]);
    expect(mine.some((e) => e.caseId === board1[0]!.id)).toBe(true);
    const theirs = await log('kvalitet.omsorg');
    expect(theirs.some((e) => board2.some((c) => c.id === e.caseId))).toBe(true);
    expect(theirs.some((e) => e.kind === 'search' && e.username === 'kvalitet.omsorg')).toBe(true);
    expect(theirs.filter((e) => board1.some((c) => c.id === e.caseId))).toEqual([]);
  });

  it('the organisation: boards with their legal areas and role holders, units with board, förvaltning and scope', async () => {
    const boards = await get<{
      municipality: string;
      items: { id: string; mine: boolean; roleHolders: { role: string; username: string }[] }[];
    }>('kvalitet', '/api/v1/org/boards');
    expect(boards.body.municipality).toBe('Exempelkommun');
    expect(boards.body.items.map((b) => [b.id, b.mine])).toEqual([
      ['socialnamnden', true],
      ['omsorgsnamnden', false],
    ]);
    expect(boards.body.items[1]!.roleHolders).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'mas', username: 'mas' })]),
    );
    const units = await get<{
      items: {
        id: string;
        boardId: string;
        children: { id: string; inLedningssystem: boolean; exclusionAnalysis: unknown }[];
      }[];
    }>('medarbetare', '/api/v1/org/units');
    expect(units.body.items.map((u) => [u.id, u.boardId])).toEqual([
      ['forvaltning', 'socialnamnden'],
      ['omsorgsforvaltning', 'omsorgsnamnden'],
    ]);
    const excluded = units.body.items[1]!.children.find((u) => !u.inLedningssystem);
    expect(excluded?.exclusionAnalysis).toEqual(expect.objectContaining({ decidedAt: '2026-09-15' }));
  });
});
