import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  APPOINTMENT_AGGREGATE,
  EGENKONTROLL_AGGREGATE,
  INTERNKONTROLL_AGGREGATE,
  LEDNINGSSYSTEM_DOCUMENT_AGGREGATE,
  ROUTINE_AGGREGATE,
  TRAINING_AGGREGATE,
  stockholmDateOf,
  stockholmYearOf,
} from '@kvalitet/domain';
import type { AdoptionDecision, LsActor, LsAggregate, LsEvent, LsStateBase } from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { LsCommandService } from './ls-command-service';

const KVALITET: LsActor = { username: 'kvalitet', roles: ['quality_coordinator'] };
const ENHETSCHEF: LsActor = { username: 'enhetschef', roles: ['unit_manager'] };

const namnd = (decidedOn: string, paragraph: number): AdoptionDecision => ({
  decidedBy: 'namnd',
  decidedOn,
  reference: `SN ${decidedOn} § ${paragraph}`,
});
const fc = (decidedOn: string, number: number): AdoptionDecision => ({
  decidedBy: 'forvaltningschef',
  decidedOn,
  reference: `FC ${decidedOn.slice(0, 4)}/${number}`,
});

type Any = LsAggregate<LsStateBase, { readonly type: string; readonly actor: LsActor }, LsEvent>;

/**
 * Demo data of the ledningssystem's registers (ADR 0008) for `npm start`: the ledningssystem
 * document with its nämnd decision and an overdue March review, a few processes and routines (one
 * due for revision, one lapsed), appointments with one role missing (no verksamhetschef HSL: the
 * alert shows), an adopted egenkontroll plan for Solgården, a lex Sarah information record that is
 * due, and next year's internkontroll plan being drafted. Written through the same application
 * service as the api; the projector and the duty workflows take it from there.
 */
export async function seedLedningssystemDemo(
  dataSource: DataSource,
  store: EventStore,
  now: Date = new Date(),
): Promise<boolean> {
  const [existing] = await dataSource.query(
    `SELECT count(*) AS n FROM events WHERE aggregate_type IN ('routine', 'ledningssystem')`,
  );
  if (Number(existing.n) > 0) return false;
  const run = (aggregate: unknown, id: string, type: string, actor: LsActor, data: unknown) =>
    new LsCommandService(aggregate as Any, store).execute(id, { type, actor, data } as never);
  const year = stockholmYearOf(now);

  const document = randomUUID();
  await run(LEDNINGSSYSTEM_DOCUMENT_AGGREGATE, document, 'create', KVALITET, {
    documentId: document,
    unitId: 'forvaltning',
    title: 'Ledningssystem för systematiskt kvalitetsarbete – socialnämnden',
    owner: 'forvaltningschef',
  });
  await run(LEDNINGSSYSTEM_DOCUMENT_AGGREGATE, document, 'adopt-version', KVALITET, {
    version: '1.0',
    decision: namnd(`${year - 1}-02-12`, 14),
    validFrom: `${year - 1}-02-13`,
    changeNote: 'Ledningssystemet fastställt av nämnden',
    revisionRule: 'Vartannat år eller vid större förändring',
    followUpRule: 'Årligen i mars (genomgång av lämplighet och effektivitet)',
  });

  const process = randomUUID();
  await run(ROUTINE_AGGREGATE, process, 'register', KVALITET, {
    routineId: process,
    kind: 'process',
    level: 1,
    code: 'PR-01',
    title: 'Ta emot, utreda och åtgärda avvikelser och lex Sarah',
    unitId: 'forvaltning',
    owner: 'forvaltningschef',
    administrator: 'kvalitet',
    revisionInterval: 'P2Y',
    cooperation: [],
  });
  await run(ROUTINE_AGGREGATE, process, 'adopt-version', KVALITET, {
    version: '3.0',
    decision: fc(`${year - 1}-03-01`, 21),
    validFrom: `${year - 1}-03-01`,
    changeNote: 'Anpassad till nya SoL',
  });
  const lexSarah = randomUUID();
  await run(ROUTINE_AGGREGATE, lexSarah, 'register', KVALITET, {
    routineId: lexSarah,
    kind: 'routine',
    level: 3,
    code: 'RUT-LS-01',
    title: 'Rapportera missförhållanden enligt lex Sarah',
    unitId: 'forvaltning',
    owner: 'sas',
    administrator: 'kvalitet',
    parentId: process,
    revisionInterval: 'P1Y',
    cooperation: [],
  });
  await run(ROUTINE_AGGREGATE, lexSarah, 'adopt-version', KVALITET, {
    version: '5.1',
    decision: fc(stockholmDateOf(new Date(now.getTime() - 330 * 86_400_000)), 7),
    validFrom: stockholmDateOf(new Date(now.getTime() - 330 * 86_400_000)),
    changeNote: 'Förtydligad mottagning',
  });
  const medication = randomUUID();
  await run(ROUTINE_AGGREGATE, medication, 'register', ENHETSCHEF, {
    routineId: medication,
    kind: 'routine',
    level: 3,
    code: 'RUT-LM-SG',
    title: 'Läkemedelshantering på Solgården',
    unitId: 'solgarden',
    owner: 'enhetschef',
    revisionInterval: 'P2Y',
    cooperation: ['regionen'],
  });
  await run(ROUTINE_AGGREGATE, medication, 'adopt-version', ENHETSCHEF, {
    version: '2.0',
    decision: { decidedBy: 'mas', decidedOn: `${year - 2}-09-01`, reference: `MAS ${year - 2}/4` },
    validFrom: `${year - 2}-09-01`,
    changeNote: 'Ny dosdispensering',
  });
  const complaints = randomUUID();
  await run(ROUTINE_AGGREGATE, complaints, 'register', KVALITET, {
    routineId: complaints,
    kind: 'routine',
    level: 2,
    code: 'RUT-KL-01',
    title: 'Synpunkter och klagomål',
    unitId: 'forvaltning',
    owner: 'kvalitet',
    revisionInterval: 'P2Y',
    cooperation: [],
  });
  await run(ROUTINE_AGGREGATE, complaints, 'adopt-version', KVALITET, {
    version: '1.0',
    decision: { decidedBy: 'ledningsgrupp', decidedOn: `${year}-01-15`, reference: `LG ${year}-01-15 p. 3` },
    validFrom: `${year}-02-01`,
    changeNote: 'Ny rutin',
  });

  const appoint = (role: string, holder: string, decision: AdoptionDecision, extra: object = {}) => {
    const id = randomUUID();
    return run(APPOINTMENT_AGGREGATE, id, 'appoint', KVALITET, {
      appointmentId: id,
      role,
      holder,
      scope: { unitId: 'forvaltning', processId: null, decisionType: null },
      decision,
      validFrom: `${year - 1}-01-01`,
      validTo: null,
      delegationReference: null,
      ...extra,
    });
  };
  await appoint('sas', 'sas', fc(`${year - 1}-01-10`, 2));
  await appoint('mas', 'mas', namnd(`${year - 1}-01-20`, 5));
  await appoint('kvalitetssamordnare', 'kvalitet', fc(`${year - 1}-01-10`, 3));
  await appoint('processagare', 'forvaltningschef', fc(`${year - 1}-03-01`, 22), {
    scope: { unitId: 'forvaltning', processId: process, decisionType: null },
  });
  // The delegates are the delegation register's demo rows (ADR 0034), not appointments of their own.

  const plan = randomUUID();
  await run(EGENKONTROLL_AGGREGATE, plan, 'create-plan', ENHETSCHEF, {
    planId: plan,
    unitId: 'solgarden',
    year,
    controls: [
      {
        controlId: randomUUID(),
        kind: 'loggkontroll',
        title: 'Loggkontroll i verksamhetssystemet',
        method: 'Stickprov i åtkomstloggen',
        sampleRule: '10 slumpvisa brukare',
        frequency: 'quarterly',
        responsible: 'enhetschef',
      },
      {
        controlId: randomUUID(),
        kind: 'lakemedelshantering',
        title: 'Läkemedelsgenomgång',
        method: 'MAS granskar hanteringen på plats',
        sampleRule: 'alla avdelningar',
        frequency: 'yearly',
        responsible: 'mas',
      },
      {
        controlId: randomUUID(),
        kind: 'genomforandeplaner',
        title: 'Genomförandeplaner aktuella',
        method: 'Journalgranskning',
        sampleRule: 'två planer per kontaktman',
        frequency: 'half_yearly',
        responsible: 'enhetschef',
      },
    ],
  });
  const adopted = await run(EGENKONTROLL_AGGREGATE, plan, 'adopt-plan', ENHETSCHEF, {});
  const logg = (adopted.state as unknown as { controls: { controlId: string }[] }).controls[0]!.controlId;
  await run(EGENKONTROLL_AGGREGATE, plan, 'record-result', ENHETSCHEF, {
    controlId: logg,
    occurrence: `${year}-Q1`,
    result: '10 av 10 åtkomster hade tjänsteskäl',
    analysis: 'Behörighetsrutinen följs',
    findings: [],
    noActions: true,
  });

  const training = randomUUID();
  await run(TRAINING_AGGREGATE, training, 'register-employee', ENHETSCHEF, {
    recordId: training,
    username: 'medarbetare',
    unitId: 'solgarden',
    hiredOn: `${year - 1}-08-15`,
  });
  await run(TRAINING_AGGREGATE, training, 'record-information', ENHETSCHEF, {
    informedOn: `${year - 1}-08-20`,
    method: 'introduktion',
    acknowledged: true,
  });

  const ik = randomUUID();
  await run(INTERNKONTROLL_AGGREGATE, ik, 'create', KVALITET, { planId: ik, year: year + 1 });
  await run(INTERNKONTROLL_AGGREGATE, ik, 'add-risk', KVALITET, {
    riskId: randomUUID(),
    description: 'Risk för att missförhållanden inte rapporteras, utreds och åtgärdas',
    probability: 3,
    severity: 4,
    source: `Ledningsgruppens riskanalys ${year}`,
  });
  return true;
}
