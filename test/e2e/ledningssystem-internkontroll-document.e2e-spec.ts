import { REVIEW_CHECKLIST } from '@kvalitet/domain';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface IkPlan {
  id: string;
  year: number;
  stage: string;
  risks: { riskId: string; score: number; level: string; proposed: boolean; selected: boolean | null }[];
  controls: { controlId: string; responsible: string; result: unknown }[];
  tasks: { kind: string; status: string }[];
  version: number;
}
interface Document {
  status: string;
  adoptedByNamnd: boolean;
  header: {
    beslutatAv: string | null;
    faststallelse: string | null;
    ansvarig: string;
    revideras: string | null;
    foljsUpp: string | null;
  };
  pendingReview: {
    year: number;
    overdue: boolean;
    checklist: { key: string; done: boolean | null }[];
    completedAt: string | null;
  } | null;
  facts: { routinesOverdue: number; appointmentsMissing: number };
  reviews: { year: number; outcome: string }[];
}

const NAMND = { decidedBy: 'namnd', decidedOn: '2026-12-10', reference: 'SN 2026-12-10 § 88' };

describe('internkontroll and the ledningssystem document (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'sas', 'kvalitet', 'ledning', 'forvaltningschef'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('runs the internkontroll cycle: risks → selection → nämnd decision → controls → report (IK-1 … IK-3)', async () => {
    const created = await api.call<IkPlan>('POST', '/api/v1/internkontroll/plans', {
      token: t['kvalitet'],
      body: { year: 2027 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expectProblem(
      await api.call('POST', '/api/v1/internkontroll/plans', { token: t['kvalitet'], body: { year: 2027 } }),
      409,
      'ALREADY_EXISTS',
    );
    const path = (p: string) => `/api/v1/internkontroll/plans/${id}/${p}`;

    expectProblem(
      await api.call('POST', path('risks'), {
        token: t['kvalitet'],
        body: { description: 'x', probability: 5, severity: 2, source: 'x' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    let plan = (
      await api.call<IkPlan>('POST', path('risks'), {
        token: t['kvalitet'],
        body: {
          description: 'Missförhållanden rapporteras inte',
          probability: 3,
          severity: 4,
          source: 'Ledningsgruppens riskanalys',
        },
      })
    ).body;
    plan = (
      await api.call<IkPlan>('POST', path('risks'), {
        token: t['kvalitet'],
        body: { description: 'Fel attest', probability: 1, severity: 2, source: 'Ekonomi' },
      })
    ).body;
    expect(plan.risks.map((r) => [r.score, r.level, r.proposed])).toEqual([
      [12, 'very_high', true],
      [2, 'low', false],
    ]);
    const [high, low] = plan.risks;

    expectProblem(
      await api.call('POST', path('adopt'), { token: t['kvalitet'], body: { decision: NAMND } }),
      409,
      'INVALID_TRANSITION',
    );
    await api.call('POST', path('select-risk'), {
      token: t['kvalitet'],
      body: { riskId: high!.riskId, selected: true, rationale: 'Mycket hög risk' },
    });
    await api.call('POST', path('select-risk'), {
      token: t['kvalitet'],
      body: { riskId: low!.riskId, selected: false, rationale: 'Låg risk' },
    });
    plan = (
      await api.call<IkPlan>('POST', path('controls'), {
        token: t['kvalitet'],
        body: {
          riskId: high!.riskId,
          title: 'Granska lex Sarah-flödet',
          method: 'Stickprov',
          responsible: 'sas',
          dueDate: '2027-06-30',
        },
      })
    ).body;
    const wrongBody = await api.call('POST', path('adopt'), {
      token: t['kvalitet'],
      body: { decision: { ...NAMND, decidedBy: 'forvaltningschef' } },
    });
    expect(expectProblem(wrongBody, 400, 'VALIDATION_FAILED').errors?.[0]?.field).toBe('decision.decidedBy');
    plan = (
      await api.call<IkPlan>('POST', path('adopt'), {
        token: t['forvaltningschef'],
        body: { decision: NAMND },
      })
    ).body;
    expect(plan.stage).toBe('adopted');

    // The control's responsible person records it; someone else with read access may not.
    const control = plan.controls[0]!;
    expectProblem(
      await api.call('POST', path('control-results'), {
        token: t['ledning'],
        body: { controlId: control.controlId, outcome: 'ok', summary: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    plan = (
      await api.call<IkPlan>('POST', path('control-results'), {
        token: t['sas'],
        body: {
          controlId: control.controlId,
          outcome: 'deficiencies',
          summary: 'Två ärenden utan utredning',
          actions: 'Utbildning',
        },
      })
    ).body;
    plan = (
      await api.call<IkPlan>('POST', path('report'), {
        token: t['kvalitet'],
        body: {
          decision: { ...NAMND, decidedOn: '2028-02-15' },
          summary: 'Genomfört',
          evaluation: 'Rutinen ska förtydligas',
        },
      })
    ).body;
    expect(plan.stage).toBe('reported');
    expect(plan.tasks.every((task) => task.status === 'done')).toBe(true);

    await syncReadModels(api.db.dataSource, api.store);
    const list = await api.call<{ items: IkPlan[] }>('GET', '/api/v1/internkontroll/plans', {
      token: t['ledning'],
    });
    expect(list.body.items.map((p) => p.year)).toEqual([2027]);
    expectProblem(
      await api.call('GET', '/api/v1/internkontroll/plans', { token: t['medarbetare'] }),
      403,
      'FORBIDDEN',
    );
  });

  it('the ledningssystem document: missing is a 404 that says so; adopted only by the nämnd; the March review with its checklist', async () => {
    expectProblem(
      await api.call('GET', '/api/v1/ledningssystem', { token: t['medarbetare'] }),
      404,
      'NOT_FOUND',
    );
    const created = await api.call<Document>('POST', '/api/v1/ledningssystem', {
      token: t['kvalitet'],
      body: { title: 'Ledningssystem för systematiskt kvalitetsarbete', owner: 'forvaltningschef' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', adoptedByNamnd: false, pendingReview: null });

    const version = {
      version: '1.0',
      validFrom: '2025-02-13',
      changeNote: 'Nytt ledningssystem',
      revisionRule: 'Vartannat år',
      followUpRule: 'Årligen i mars',
    };
    expectProblem(
      await api.call('POST', '/api/v1/ledningssystem/versions', {
        token: t['kvalitet'],
        body: { ...version, decision: { ...NAMND, decidedBy: 'forvaltningschef' } },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const adopted = await api.call<Document>('POST', '/api/v1/ledningssystem/versions', {
      token: t['kvalitet'],
      body: { ...version, decision: { ...NAMND, decidedOn: '2025-02-12' } },
    });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({
      adoptedByNamnd: true,
      header: {
        faststallelse: '2025-02-13',
        ansvarig: 'forvaltningschef',
        revideras: 'Vartannat år',
        foljsUpp: 'Årligen i mars',
      },
    });
    expect(adopted.body.header.beslutatAv).toContain('Nämnden 2025-02-12');
    expect(adopted.body.pendingReview).toMatchObject({ year: 2026, overdue: true });
    // SAS, MAS and verksamhetschef; the delegates are the delegation register's demo rows (ADR 0034).
    expect(adopted.body.facts.appointmentsMissing).toBe(3);

    expectProblem(
      await api.call('POST', '/api/v1/ledningssystem/reviews/2026/complete', {
        token: t['kvalitet'],
        body: { outcome: 'approved', decision: NAMND },
      }),
      409,
      'INVALID_TRANSITION',
    );
    let document = adopted.body;
    for (const item of REVIEW_CHECKLIST) {
      const done = item.key !== 'forordnanden';
      document = (
        await api.call<Document>('POST', '/api/v1/ledningssystem/reviews/2026/items', {
          token: t['kvalitet'],
          body: { key: item.key, done, ...(done ? {} : { note: 'Verksamhetschef HSL saknar nämndbeslut' }) },
        })
      ).body;
    }
    expect(document.pendingReview!.checklist.every((i) => i.done !== null)).toBe(true);
    expectProblem(
      await api.call('POST', '/api/v1/ledningssystem/reviews/2026/complete', {
        token: t['kvalitet'],
        body: { outcome: 'approved', decision: NAMND },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const completed = await api.call<Document>('POST', '/api/v1/ledningssystem/reviews/2026/complete', {
      token: t['kvalitet'],
      body: {
        outcome: 'improvements_decided',
        decision: NAMND,
        improvements: ['Nämnden utser verksamhetschef HSL'],
      },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.reviews).toEqual([
      expect.objectContaining({ year: 2026, outcome: 'improvements_decided' }),
    ]);
    expect(completed.body.pendingReview!.year).toBe(2027);
    expectProblem(
      await api.call('POST', '/api/v1/ledningssystem/reviews/abc/items', {
        token: t['kvalitet'],
        body: { key: 'namndbeslut', done: true },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await api.call('POST', '/api/v1/ledningssystem/reviews/2027/items', {
        token: t['enhetschef'],
        body: {},
      }),
      403,
      'FORBIDDEN',
    );
  });
});
