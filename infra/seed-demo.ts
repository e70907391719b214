// Migrates the database and, on an empty one, reports a handful of demo cases through the same
// domain service the api uses, so `npm start` opens on a system with something to look at. The demo
// organisation and users (api.md's socialnämnden and a second board, vård- och omsorgsnämnden) are
// config/organisation.json, read by every process (ADR 0030).
// With DATABASE_OWNER_URL (the embedded default, issue 24) the migrations and the runtime role's
// grants run as the owner, and the demo data is written as the runtime role of DATABASE_URL, as the
// api would.
import { randomUUID } from 'node:crypto';
import type { CaseActor } from '@kvalitet/domain';
import { databaseTlsFromEnv } from '@kvalitet/runtime';
import {
  CaseCommandService,
  EventStore,
  RiskAssessmentCommandService,
  RiskPolicyRepository,
  openDataSource,
  seedLedningssystemDemo,
  seedArshjulDemo,
} from '@kvalitet/persistence';

const medarbetare: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const enhetschef: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const kvalitet: CaseActor = { username: 'kvalitet', roles: ['quality_coordinator'] };
const avdelningschef: CaseActor = { username: 'avdelningschef', roles: ['division_manager'] };
const sas: CaseActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
const mas: CaseActor = { username: 'mas', roles: ['mas'] };

function daysAgo(days: number, hour = 10): string {
  const date = new Date(Date.now() - days * 86400000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
}

async function seedCases(cases: CaseCommandService): Promise<number> {
  const lexSarah = await cases.report(
    {
      type: 'lex_sarah',
      unitId: 'solgarden',
      occurredAt: daysAgo(2, 13),
      reportedAt: daysAgo(2, 15),
      channel: 'staff_form',
      description: 'En boende lämnades utan tillsyn under natten trots beslut om extra tillsyn.',
      immediateActions: 'Extra personal inkallad, anhöriga informerade.',
    },
    medarbetare,
  );
  await cases.execute(lexSarah.state.id, {
    type: 'acknowledge',
    actor: enhetschef,
    data: { note: 'Mottagen, SAS informerad.' },
  });
  await cases.execute(lexSarah.state.id, { type: 'assign', actor: enhetschef, data: { assignee: 'sas' } });
  // Category and lagrum are codes of the classification lists; the demo lists are in force until kvalitet saves its own (issue 24).
  await cases.execute(lexSarah.state.id, {
    type: 'classify',
    actor: sas,
    data: { category: 'tillsyn', lagrum: '14 kap. 3 § SoL' },
  });

  const deviation = await cases.report(
    {
      type: 'deviation',
      unitId: 'hemtjanst-norr',
      occurredAt: daysAgo(5, 8),
      channel: 'staff_form',
      description: 'Besök uteblev på grund av fel i planeringen.',
      immediateActions: 'Brukaren kontaktad samma dag.',
    },
    medarbetare,
  );
  await cases.execute(deviation.state.id, { type: 'start-investigation', actor: enhetschef, data: {} });
  await cases.execute(deviation.state.id, {
    type: 'record-investigation',
    actor: enhetschef,
    data: {
      summary: 'Planeringsverktyget visade fel tid efter schemaändring.',
      causes: ['technology', 'routine'],
    },
  });
  await cases.execute(deviation.state.id, {
    type: 'add-action',
    actor: enhetschef,
    data: {
      actionId: randomUUID(),
      title: 'Kontroll av planeringen vid schemaändring',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: new Date(Date.now() + 14 * 86400000).toISOString(),
    },
  });

  const complaint = await cases.report(
    {
      type: 'complaint',
      unitId: 'solgarden',
      channel: 'phone',
      reportedAt: daysAgo(1, 9),
      description: 'Anhörig missnöjd med att maten serveras kall.',
      onBehalfOf: { name: 'Anhörig (telefon)' },
    },
    kvalitet,
  );
  await cases.execute(complaint.state.id, {
    type: 'classify',
    actor: enhetschef,
    data: { category: 'omvårdnad' },
  });
  const medication = await cases.report(
    {
      type: 'hsl_deviation',
      unitId: 'solgarden',
      occurredAt: daysAgo(3, 20),
      channel: 'staff_form',
      description: 'Läkemedel gavs en timme för sent.',
      immediateActions: 'Sjuksköterska kontaktad.',
    },
    medarbetare,
  );
  await cases.execute(medication.state.id, { type: 'classify', actor: mas, data: { category: 'läkemedel' } });
  await cases.report(
    {
      type: 'suggestion',
      unitId: 'ekbacken',
      channel: 'web',
      description: 'Önskemål om fler utflykter på helger.',
      unclassified: false,
    },
    kvalitet,
  );
  const praise = await cases.report(
    {
      type: 'praise',
      unitId: 'hemtjanst-norr',
      channel: 'letter',
      description: 'Tack för ett fint bemötande!',
    },
    kvalitet,
  );
  await cases.execute(praise.state.id, {
    type: 'close',
    actor: enhetschef,
    data: { summary: 'Berömmet vidarebefordrat till personalgruppen.' },
  });
  // The second board's cases: socialnämnden's staff never see them; the MAS who serves both does (ADR 0030).
  const linden: CaseActor = { username: 'medarbetare.linden', roles: ['staff'] };
  await cases.report(
    {
      type: 'hsl_deviation',
      unitId: 'linden',
      occurredAt: daysAgo(1, 8),
      channel: 'staff_form',
      description: 'Insulindos gavs en timme för sent på morgonen.',
    },
    linden,
  );
  await cases.report(
    {
      type: 'deviation',
      unitId: 'bjorken',
      occurredAt: daysAgo(3, 17),
      channel: 'staff_form',
      description: 'Planerad aktivitet ställdes in utan att de boende informerades.',
    },
    { username: 'enhetschef.linden', roles: ['unit_manager'] },
  );
  return 8;
}

/** A few risk assessments (RA-1…RA-7) so the risk matrix heat map has data; actions go to the follow-up workflow. */
async function seedRiskAssessments(risks: RiskAssessmentCommandService): Promise<number> {
  const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString();
  const fall = await risks.create(
    {
      title: 'Fall vid förflyttning nattetid',
      unitId: 'solgarden',
      trigger: 'deviation_pattern',
      description: 'Tre fall vid förflyttning nattetid under hösten.',
      risks: [
        {
          riskId: randomUUID(),
          description: 'Brukare faller vid förflyttning när en person arbetar ensam',
          probability: 3,
          severity: 4,
          causes: ['Ensam nattpersonal', 'Lyftutrustning saknas på avdelning B'],
        },
        {
          riskId: randomUUID(),
          description: 'Larm hörs inte i korridoren',
          probability: 2,
          severity: 2,
          causes: ['Gammal larmanläggning'],
        },
      ],
    },
    enhetschef,
  );
  await risks.execute(fall.state.id, {
    type: 'add-action',
    actor: enhetschef,
    data: {
      actionId: randomUUID(),
      riskId: fall.state.riskOrder[0]!,
      title: 'Dubbelbemanning vid förflyttning nattetid',
      owner: 'enhetschef',
      dueAt: inDays(21),
      causeIndexes: [0],
    },
  });
  const staffing = await risks.create(
    {
      title: 'Ny bemanningsmodell i hemtjänsten',
      unitId: 'hemtjanst-norr',
      trigger: 'change',
      risks: [
        {
          riskId: randomUUID(),
          description: 'Brukare får ny personal varje dag och information tappas',
          probability: 3,
          severity: 3,
          causes: ['Fler timanställda', 'Ingen överrapporteringsrutin'],
        },
        {
          riskId: randomUUID(),
          description: 'Insatser uteblir vid schemabyte',
          probability: 1,
          severity: 4,
          causes: ['Manuell planering'],
        },
      ],
    },
    avdelningschef,
  );
  const handover = staffing.state.riskOrder[0]!;
  const actionId = randomUUID();
  await risks.execute(staffing.state.id, {
    type: 'add-action',
    actor: avdelningschef,
    data: {
      actionId,
      riskId: handover,
      title: 'Rutin för överrapportering vid skiftbyte',
      owner: 'avdelningschef',
      dueAt: inDays(7),
      causeIndexes: [1],
    },
  });
  await risks.execute(staffing.state.id, {
    type: 'complete-action',
    actor: avdelningschef,
    data: { actionId, result: 'Rutinen är beslutad och införd i alla arbetslag.' },
  });
  await risks.execute(staffing.state.id, {
    type: 'reassess',
    actor: avdelningschef,
    data: {
      riskId: handover,
      probability: 2,
      severity: 3,
      rationale: 'Överrapporteringen följs; kvarstående risk medel.',
    },
  });
  await risks.create(
    {
      title: 'Läkemedelshantering i LSS-bostad',
      unitId: 'ekbacken',
      trigger: 'yearly',
      risks: [
        {
          riskId: randomUUID(),
          description: 'Fel läkemedel ges vid delegering',
          probability: 4,
          severity: 3,
          causes: ['Delegeringar förnyas inte i tid'],
        },
        {
          riskId: randomUUID(),
          description: 'Läkemedelsskåp lämnas olåst',
          probability: 1,
          severity: 1,
          causes: ['Nyckelhantering'],
        },
      ],
    },
    { username: 'kvalitet', roles: ['quality_coordinator'] },
  );
  return 3;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL saknas (kör via npm start)');
  const ownerUrl = process.env.DATABASE_OWNER_URL || undefined;
  const dataSource = await openDataSource({
    url,
    migrate: true,
    ...(ownerUrl ? { ownerUrl } : {}),
    applicationName: 'kvalitet-seed',
    ssl: databaseTlsFromEnv(),
  });
  try {
    const [existing] = await dataSource.query(
      `SELECT count(*) AS n FROM events WHERE aggregate_type = 'case'`,
    );
    if (Number(existing.n) === 0 && process.env.SEED_DEMO_CASES !== 'false') {
      const count = await seedCases(new CaseCommandService(new EventStore(dataSource)));
      process.stderr.write(`[kvalitet] ${count} demoärenden inlagda\n`);
    } else {
      process.stderr.write(`[kvalitet] databasen har redan ärenden; inga demoärenden läggs till\n`);
    }
    const [risks] = await dataSource.query(
      `SELECT count(*) AS n FROM events WHERE aggregate_type = 'risk_assessment'`,
    );
    if (Number(risks.n) === 0 && process.env.SEED_DEMO_CASES !== 'false') {
      const store = new EventStore(dataSource);
      const count = await seedRiskAssessments(
        new RiskAssessmentCommandService(store, new RiskPolicyRepository(store)),
      );
      process.stderr.write(`[kvalitet] ${count} demoriskanalyser inlagda\n`);
    }
    // The ledningssystem's registers: routines, appointments, egenkontroll, training, internkontroll (ADR 0008).
    if (
      process.env.SEED_DEMO_CASES !== 'false' &&
      (await seedLedningssystemDemo(dataSource, new EventStore(dataSource)))
    )
      process.stderr.write(
        `[kvalitet] demodata för ledningssystemet inlagd (rutiner, förordnanden, egenkontroll, utbildning, internkontroll)\n`,
      );
    // DL-31: this year's årshjul, partly done, and next year's proposal.
    if (
      process.env.SEED_DEMO_CASES !== 'false' &&
      (await seedArshjulDemo(dataSource, new EventStore(dataSource)))
    )
      process.stderr.write(`[kvalitet] demodata för årshjulet inlagd (i år och nästa år)\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[kvalitet] demodata kunde inte läggas in: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
