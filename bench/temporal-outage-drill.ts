// Outage drill (issue 23) against the whole system as `npm start` runs it: Temporal is stopped for
// --seconds (default 300) while reports (deviations, lex Sarah, complaints) and risk assessments
// keep coming through the api; then it is started again, and the drill waits until every accepted
// case and risk assessment has its workflow and counts what was driven and what was dead-lettered.
//   npm start   (another terminal; KEEP_INFRA=1 keeps the servers after Ctrl-C)
//   node -r @swc-node/register bench/temporal-outage-drill.ts [--seconds 300] [--every-ms 2000]
// Results: bench/results/temporal-outage-drill.json
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { caseWorkflowId } from '@kvalitet/contracts';
import { riskAssessmentWorkflowId } from '@kvalitet/workflows';
import { infraEnv } from '../test/support/infra-env';
import { API, devToken } from './support/dev-token';
import { temporalDataConverter } from '@kvalitet/runtime';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const OUTAGE_S = arg('seconds', 300);
const EVERY_MS = arg('every-ms', 2000);
const PROJECTOR = process.env.PROJECTOR_URL ?? 'http://127.0.0.1:3001';
const log = (message: string) =>
  process.stderr.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const temporalScript = resolve(__dirname, '../infra/temporal.sh');

async function post(
  path: string,
  tokenValue: string,
  body: unknown,
): Promise<{ status: number; id?: string }> {
  try {
    const response = await fetch(`${API}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenValue}` },
      body: JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as { id?: string };
    return { status: response.status, ...(json.id ? { id: json.id } : {}) };
  } catch {
    return { status: 0 };
  }
}

const REPORTS = [
  {
    type: 'deviation',
    unitId: 'solgarden',
    occurredAt: '2026-12-06T10:00:00+01:00',
    description: 'Övning: fel läkemedel',
    channel: 'staff_form',
  },
  {
    type: 'lex_sarah',
    unitId: 'ekbacken',
    occurredAt: '2026-12-06T11:00:00+01:00',
    description: 'Övning: missförhållande',
    channel: 'staff_form',
  },
  { type: 'complaint', unitId: 'solgarden', description: 'Övning: klagomål på bemötande', channel: 'phone' },
];
const RISK = {
  title: 'Övning: fall vid förflyttning',
  unitId: 'solgarden',
  trigger: 'change',
  description: 'Övning under avbrott',
  risks: [{ description: 'Brukare faller', probability: 3, severity: 3 }],
};

async function main(): Promise<void> {
  const env = infraEnv();
  const db = new DataSource({ type: 'postgres', url: env.DATABASE_URL, poolSize: 2 });
  await db.initialize();
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0].n);
  const staff = await devToken('medarbetare');
  const manager = await devToken('enhetschef');
  const deadBefore = await count(`SELECT count(*) AS n FROM dead_letters WHERE replayed_at IS NULL`);

  log(`stoppar Temporal i ${OUTAGE_S} s; rapporter var ${EVERY_MS} ms, en riskanalys var 30:e s`);
  execFileSync('bash', [temporalScript, 'stop'], { stdio: 'ignore' });
  const stoppedAt = Date.now();
  const cases: string[] = [];
  const risks: string[] = [];
  const refused: number[] = [];
  let readinessDuringOutage: { status: number; message: string } | null = null;
  let i = 0;
  try {
    while (Date.now() - stoppedAt < OUTAGE_S * 1000) {
      const answer = await post('/cases', staff, REPORTS[i % REPORTS.length]);
      if (answer.status === 201 && answer.id) cases.push(answer.id);
      else refused.push(answer.status);
      if (i % Math.max(1, Math.round(30_000 / EVERY_MS)) === 0) {
        const risk = await post('/risk-assessments', manager, RISK);
        if (risk.status === 201 && risk.id) risks.push(risk.id);
        else refused.push(risk.status);
      }
      if (!readinessDuringOutage && Date.now() - stoppedAt > 120_000) {
        const response = await fetch(`${PROJECTOR}/health/ready`).catch(() => null);
        const body = response
          ? ((await response.json()) as { message: string })
          : { message: 'projektorn svarar inte' };
        readinessDuringOutage = { status: response?.status ?? 0, message: body.message };
        log(
          `projektorns beredskap under avbrottet: ${readinessDuringOutage.status} ${readinessDuringOutage.message}`,
        );
      }
      if (++i % 30 === 0)
        log(
          `${Math.round((Date.now() - stoppedAt) / 1000)} s: ${cases.length} ärenden, ${risks.length} riskanalyser tagna emot`,
        );
      await new Promise((r) => setTimeout(r, EVERY_MS));
    }
  } finally {
    log('startar Temporal igen');
    execFileSync('bash', [temporalScript, 'start'], { stdio: 'ignore' });
  }
  const restartedAt = Date.now();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, dataConverter: temporalDataConverter() });
  const exists = async (workflowId: string) =>
    client.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        () => true,
        () => false,
      );
  const drivenCases = async () =>
    count(
      `SELECT count(DISTINCT aggregate_id) AS n FROM events WHERE aggregate_id = ANY($1::uuid[]) AND type IN ('DeadlineStarted', 'TaskCreated')`,
      [cases],
    );
  let driven = 0;
  let riskWorkflows = 0;
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    driven = await drivenCases();
    riskWorkflows = (await Promise.all(risks.map((id) => exists(riskAssessmentWorkflowId(id))))).filter(
      Boolean,
    ).length;
    if (driven === cases.length && riskWorkflows === risks.length) break;
    log(
      `efter omstart: ${driven}/${cases.length} ärenden drivna, ${riskWorkflows}/${risks.length} riskanalysflöden`,
    );
    await new Promise((r) => setTimeout(r, 5000));
  }
  const drainedS = Math.round((Date.now() - restartedAt) / 1000);
  const caseWorkflows = (await Promise.all(cases.map((id) => exists(caseWorkflowId(id))))).filter(
    Boolean,
  ).length;
  const duplicates = await count(
    `SELECT count(*) AS n FROM (SELECT aggregate_id, data->>'kind' FROM events WHERE aggregate_id = ANY($1::uuid[]) AND type = 'DeadlineStarted' GROUP BY 1, 2 HAVING count(*) > 1) d`,
    [cases],
  );
  const deadAfter = await count(`SELECT count(*) AS n FROM dead_letters WHERE replayed_at IS NULL`);
  const result = {
    at: new Date().toISOString(),
    outageSeconds: OUTAGE_S,
    accepted: { cases: cases.length, riskAssessments: risks.length },
    refused: refused.length,
    driven: { casesWithDeadlinesOrTasks: driven, caseWorkflows, riskAssessmentWorkflows: riskWorkflows },
    duplicateDeadlines: duplicates,
    deadLettersGained: deadAfter - deadBefore,
    secondsFromRestartToAllDriven: drainedS,
    projectorReadinessDuringOutage: readinessDuringOutage,
  };
  log(JSON.stringify(result, null, 2));
  writeFileSync(
    resolve(__dirname, 'results/temporal-outage-drill.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  await connection.close();
  await db.destroy();
  const ok =
    driven === cases.length &&
    riskWorkflows === risks.length &&
    duplicates === 0 &&
    deadAfter === deadBefore &&
    refused.length === 0;
  log(ok ? 'allt drevs, inga dead letters' : 'NÅGOT SAKNAS — se ovan');
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  log(`misslyckades: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
