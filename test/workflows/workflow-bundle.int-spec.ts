import { bundleWorkflows } from '../../apps/worker/src/workflow-bundle';

/** The `sources` of the bundle's inline source map: every file whose code the bundle carries. */
function bundledSources(code: string): string[] {
  const match = /sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)/.exec(code);
  if (!match) throw new Error('the bundle has no inline source map');
  return (JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')) as { sources: string[] }).sources;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };

describe('the production workflow bundle (ADR 0016)', () => {
  let sources: string[];
  let code: string;
  beforeAll(async () => {
    ({ code } = await bundleWorkflows({ logger: quiet }));
    sources = bundledSources(code);
  }, 120_000);

  it('carries every workflow the worker registers', () => {
    for (const name of [
      'caseWorkflow',
      'smokeWorkflow',
      'ledningssystemDutyWorkflow',
      'riskAssessmentWorkflow',
      'scheduledReportWorkflow',
      'dailyListWorkflow',
    ])
      expect(code).toContain(name);
  });

  it('leaves out the domain modules no workflow uses, so each open workflow evaluates only what it needs', () => {
    const domain = sources.filter((s) => s.includes('/libs/'));
    // The whole barrel is ~120 files; the workflows use the calendar, the case types and report periods.
    expect(domain.length).toBeLessThan(20);
    expect(domain.some((s) => s.includes('/libs/domain/src/cases/case-type.ts'))).toBe(true);
    for (const unused of [
      '/libs/domain/src/risk/',
      '/libs/domain/src/egenkontroll/',
      '/libs/domain/src/cases/decide',
    ])
      expect(domain.filter((s) => s.includes(unused))).toEqual([]);
  });
});
