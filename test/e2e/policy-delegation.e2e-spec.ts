import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import { expectProblem, startApi, type TestApi } from './support/api-harness';

interface PolicyBody {
  version: number;
  decisionDelegation?: Record<string, { role: string; reference?: string }>;
}

/**
 * The delegationsordning as a project key of the policy (api.md: projects may add keys): who decides
 * the outcome of a lex Sarah or lex Maria investigation. Absent means the defaults (director, mas).
 */
describe('PUT/GET /api/v1/policy with decisionDelegation (e2e)', () => {
  let api: TestApi;
  let kvalitet: string;
  const base = {
    deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines },
    escalationChain: [...DEFAULT_DEADLINE_POLICY.escalationChain],
  };

  beforeAll(async () => {
    api = await startApi();
    kvalitet = await api.token('kvalitet');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('stores the delegation with the new version and reads it back; a later document without it falls back to the defaults', async () => {
    const decisionDelegation = {
      lex_sarah: { role: 'division_manager', reference: 'Delegationsordning SN 2026, punkt 4.2' },
      lex_maria: { role: 'mas' },
    };
    const put = await api.call<PolicyBody>('PUT', '/api/v1/policy', {
      token: kvalitet,
      body: { ...base, decisionDelegation },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ version: 2, ...base, decisionDelegation });
    const read = await api.call<PolicyBody>('GET', '/api/v1/policy', {
      token: await api.token('enhetschef'),
    });
    expect(read.body.decisionDelegation).toEqual(decisionDelegation);
    const without = await api.call<PolicyBody>('PUT', '/api/v1/policy', { token: kvalitet, body: base });
    expect(without.status).toBe(200);
    expect(without.body.version).toBe(3);
    expect(without.body.decisionDelegation).toBeUndefined();
  });

  it('names each bad field in Swedish with a 400', async () => {
    const response = await api.call('PUT', '/api/v1/policy', {
      token: kvalitet,
      body: { ...base, decisionDelegation: { complaint: { role: 'director' }, lex_sarah: { role: 'kung' } } },
    });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.field)).toEqual([
      'decisionDelegation.complaint',
      'decisionDelegation.lex_sarah.role',
    ]);
    for (const error of problem.errors ?? []) expect(error.message).toMatch(/[a-zåäö]/i);
  });

  it('only kvalitet may change it', async () => {
    const response = await api.call('PUT', '/api/v1/policy', {
      token: await api.token('forvaltningschef'),
      body: { ...base, decisionDelegation: { lex_sarah: { role: 'director' } } },
    });
    expectProblem(response, 403, 'FORBIDDEN');
  });
});
