// npm run dead-letters -- list [--consumer NAME] [--include-replayed] | show ID | replay ID | replay --all [--consumer NAME]
// An operator's view of the events a consumer could never handle (issue 23). Replay hands an event to
// the same handler through the same inbox as the live projector, so replaying an event that was
// handled meanwhile changes nothing; replayed rows are marked, never deleted.
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import {
  findDeadLetter,
  listDeadLetters,
  replayDeadLetter,
  type DeadLetter,
  type ReplayOutcome,
} from '@kvalitet/messaging';
import { openDataSource } from '@kvalitet/persistence';
import { databaseTlsFromEnv, temporalConnectionFromEnv } from '@kvalitet/runtime';
import { connectTemporalClient } from './orchestrator';
import { createProjectorConsumers, type ProjectorConsumer } from './projector-consumers';

const USAGE = `användning / usage:
  npm run dead-letters -- list [--consumer NAMN] [--include-replayed]
  npm run dead-letters -- show ID
  npm run dead-letters -- replay ID
  npm run dead-letters -- replay --all [--consumer NAMN]
Miljö / environment: DATABASE_URL, TEMPORAL_ADDRESS (för orkestrerarna), KAFKA_NAMESPACE (standard kvalitet),
TEMPORAL_TASK_QUEUE (standard kvalitet-cases); utan DATABASE_URL läses .infra/env (npm start).`;

class UsageError extends Error {}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Under `npm start` the servers' addresses are in .infra/env; an explicit environment wins. */
function loadLocalEnv(): void {
  const file = resolve(__dirname, '../../../.infra/env');
  if (process.env.DATABASE_URL || !existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]!] === undefined) process.env[match[1]!] = match[2];
  }
  process.stderr.write(`[dead-letters] adresser från / addresses from ${file}\n`);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${name} behöver ett värde / needs a value`);
  return value;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 97)}…` : line;
}

function printList(letters: DeadLetter[]): void {
  if (letters.length === 0) {
    say('Inga dead letters att hantera / no dead letters waiting.');
    return;
  }
  for (const l of letters) {
    const replayed = l.replayedAt
      ? ` — uppspelad / replayed ${l.replayedAt} (${l.replayOutcome}, ${l.replayedBy})`
      : '';
    say(
      `#${l.id}  ${l.createdAt}  ${l.consumer}  ${l.eventType ?? '(ingen händelse / not an event)'} ${l.aggregateId ?? ''}  ${l.attempts} försök / attempts${replayed}`,
    );
    say(`      ${firstLine(l.error)}`);
  }
  say(
    `${letters.length} st / in all. Visa / show: npm run dead-letters -- show ID; spela upp / replay: npm run dead-letters -- replay ID`,
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    say(USAGE);
    return command ? 0 : 2;
  }
  loadLocalEnv();
  const url = process.env.DATABASE_URL;
  if (!url) throw new UsageError('DATABASE_URL saknas / is not set');
  const namespace = process.env.KAFKA_NAMESPACE ?? 'kvalitet';
  const dataSource = await openDataSource({
    url,
    migrate: false,
    applicationName: 'kvalitet-dead-letters',
    ssl: databaseTlsFromEnv(),
  });
  let closeTemporal: (() => Promise<void>) | null = null;
  try {
    if (command === 'list') {
      const consumer = option(args, '--consumer');
      printList(
        await listDeadLetters(dataSource, {
          ...(consumer ? { consumer } : {}),
          includeReplayed: args.includes('--include-replayed'),
        }),
      );
      return 0;
    }
    if (command === 'show') {
      const id = args[0];
      if (!id) throw new UsageError('show behöver ett id / needs an id');
      const letter = await findDeadLetter(dataSource, id);
      if (!letter) throw new UsageError(`dead letter ${id} finns inte / does not exist`);
      say(JSON.stringify({ ...letter, payload: tryJson(letter.payload) }, null, 2));
      return 0;
    }
    if (command !== 'replay') throw new UsageError(`okänt kommando / unknown command: ${command}`);

    const all = args.includes('--all');
    const consumerFilter = option(args, '--consumer');
    const ids = all
      ? (await listDeadLetters(dataSource, consumerFilter ? { consumer: consumerFilter } : {})).map(
          (l) => l.id,
        )
      : [args[0]].filter((id): id is string => !!id && !id.startsWith('--'));
    if (ids.length === 0) {
      if (!all) throw new UsageError('replay behöver ett id eller --all / needs an id or --all');
      say('Inga dead letters att spela upp / nothing to replay.');
      return 0;
    }
    const letters = await Promise.all(ids.map((id) => findDeadLetter(dataSource, id)));
    const missing = ids.filter((_, i) => !letters[i]);
    if (missing.length > 0)
      throw new UsageError(`dead letter ${missing.join(', ')} finns inte / does not exist`);
    const needsTemporal = letters.some((l) => l!.consumer.endsWith('orchestrator'));
    let temporal = null;
    if (needsTemporal) {
      if (!process.env.TEMPORAL_ADDRESS)
        throw new UsageError(
          'TEMPORAL_ADDRESS saknas / is not set (behövs för orkestrerarna / needed by the orchestrators)',
        );
      temporal = connectTemporalClient(temporalConnectionFromEnv());
      closeTemporal = temporal.close;
    }
    const consumers = new Map<string, ProjectorConsumer>(
      createProjectorConsumers({
        namespace,
        projections: true,
        temporal: temporal && { ...temporal, taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'kvalitet-cases' },
      }).map((c) => [c.consumerName, c]),
    );
    const replayedBy = process.env.DEAD_LETTER_OPERATOR ?? userInfo().username;
    const outcomes: Record<ReplayOutcome | 'failed', number> = {
      handled: 0,
      already_handled: 0,
      already_replayed: 0,
      failed: 0,
    };
    for (const [i, letter] of letters.entries()) {
      const consumer = consumers.get(letter!.consumer);
      const progress = `[${i + 1}/${letters.length}] #${letter!.id} ${letter!.consumer} ${letter!.eventType ?? ''}`;
      if (!consumer) {
        outcomes.failed += 1;
        say(`${progress}: okänd konsument i namnrymden ${namespace} / unknown consumer (KAFKA_NAMESPACE?)`);
        continue;
      }
      try {
        const outcome = await replayDeadLetter(dataSource, consumer, letter!.id, replayedBy);
        outcomes[outcome] += 1;
        say(`${progress}: ${describe(outcome)}`);
      } catch (error) {
        outcomes.failed += 1;
        say(
          `${progress}: misslyckades igen / failed again — ${firstLine(error instanceof Error ? error.message : String(error))}`,
        );
      }
    }
    say(
      `Klart / done: ${outcomes.handled} hanterade / handled, ${outcomes.already_handled} redan hanterade / already handled, ` +
        `${outcomes.already_replayed} redan uppspelade / already replayed, ${outcomes.failed} misslyckades / failed.`,
    );
    return outcomes.failed > 0 ? 1 : 0;
  } finally {
    await closeTemporal?.().catch(() => undefined);
    await dataSource.destroy();
  }
}

function describe(outcome: ReplayOutcome): string {
  switch (outcome) {
    case 'handled':
      return 'hanterad / handled';
    case 'already_handled':
      return 'var redan hanterad, inget ändrat / was already handled, nothing changed';
    case 'already_replayed':
      return 'redan uppspelad tidigare, inget ändrat / replayed before, nothing changed';
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[dead-letters] ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
