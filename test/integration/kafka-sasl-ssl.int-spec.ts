import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { createKafka, ensureTopics } from '@kvalitet/messaging';
import { kafkaSecurity, kafkaTopicSettings } from '@kvalitet/runtime';

// Issue 20, "Configuration for real clusters": the processes' Kafka client really connects to a
// broker that takes SASL/SCRAM-SHA-512 over TLS only (a throwaway single KRaft node from the jars
// infra/kafka.sh fetched, a certificate made here by openssl), and the projector's topic settings
// (replication factor, min.insync.replicas, retention per aggregate type) reach the created topics.

const LIB = resolve(__dirname, '../../.infra/kafka/lib');
const TOPIC_NAMESPACE = 'tls-test';

let dir: string;
let port: number;
let broker: ChildProcess | null = null;

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: dir });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => done(free));
    });
  });
}

const java = (...args: string[]) => [
  '-Xmx256m',
  `-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`,
  '-cp',
  `${LIB}/*`,
  ...args,
];

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_SSL_CA_PATH: join(dir, 'ca.pem'),
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: 'kvalitet',
    KAFKA_SASL_PASSWORD: 'hemligt-losenord',
    ...overrides,
  };
}

function client(settings: Record<string, string>): Kafka {
  return createKafka({
    brokers: [`localhost:${port}`],
    clientId: 'kvalitet-tls-test',
    ...kafkaSecurity((name) => settings[name]),
    log: () => undefined,
  });
}

async function listTopics(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  if (!existsSync(LIB)) throw new Error(`${LIB} saknas: kör bash infra/up.sh (hämtar Kafka)`);
  dir = mkdtempSync(join(tmpdir(), 'kvalitet-kafka-tls-'));
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=kvalitet-test-ca',
  ]);
  run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=localhost',
  ]);
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=DNS:localhost\n');
  run('openssl', [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.cnf',
  ]);
  // Kafka's PEM key store: the PKCS#8 key followed by the certificate, in one file.
  writeFileSync(
    join(dir, 'keystore.pem'),
    run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', 'server.key']) + run('cat', ['server.pem']),
  );
  writeFileSync(
    join(dir, 'log4j.properties'),
    'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\n' +
      'log4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n' +
      'log4j.appender.stderr.layout.ConversionPattern=%p %m%n\n',
  );
  port = await freePort();
  const controllerPort = await freePort();
  writeFileSync(
    join(dir, 'server.properties'),
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_SSL://localhost:${port}`,
      'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=SASL_SSL',
      'controller.listener.names=CONTROLLER',
      'sasl.enabled.mechanisms=SCRAM-SHA-512',
      'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="admin-losenord";',
      'ssl.keystore.type=PEM',
      `ssl.keystore.location=${join(dir, 'keystore.pem')}`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${join(dir, 'ca.pem')}`,
      `log.dirs=${join(dir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'auto.create.topics.enable=false',
      'group.initial.rebalance.delay.ms=0',
      'num.network.threads=2',
      'num.io.threads=2',
    ].join('\n') + '\n',
  );
  // A cluster id is 16 random bytes in base64url (what StorageTool random-uuid prints), without a JVM start.
  // Kafka's own Uuid.randomUuid never starts one with '-' (the CLI would read it as an option); nor do we.
  let clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
  run(
    'java',
    java(
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${clusterId}`,
      '-c',
      join(dir, 'server.properties'),
      '--add-scram',
      'SCRAM-SHA-512=[name=admin,password=admin-losenord]',
      '--add-scram',
      'SCRAM-SHA-512=[name=kvalitet,password=hemligt-losenord]',
    ),
  );
  broker = spawn('java', java('kafka.Kafka', join(dir, 'server.properties')), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  broker.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (broker.exitCode !== null) throw new Error(`Kafka med SASL_SSL avslutades:\n${log}`);
    try {
      await listTopics(client(env()));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Kafka med SASL_SSL svarade inte inom 60 s: ${String(error)}\n${log}`);
      await new Promise((wait) => setTimeout(wait, 1000));
    }
  }
}, 120_000);

afterAll(async () => {
  if (broker && broker.exitCode === null) {
    const exited = new Promise((done) => broker!.once('exit', done));
    broker.kill('SIGKILL');
    await exited;
  }
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('Kafka over SASL/SCRAM and TLS (KAFKA_SSL_*, KAFKA_SASL_*)', () => {
  it('creates the event topics with the configured settings and publishes with acks=all', async () => {
    const kafka = client(env());
    const topicEnv: Record<string, string> = {
      KAFKA_REPLICATION_FACTOR: '1',
      KAFKA_MIN_INSYNC_REPLICAS: '1',
      KAFKA_RETENTION_MS: '604800000',
      KAFKA_TOPIC_RETENTION_MS: 'case=2592000000',
    };
    const topics = [`${TOPIC_NAMESPACE}.case.events.v1`, `${TOPIC_NAMESPACE}.risk.events.v1`];
    await ensureTopics(kafka, topics, { topics: kafkaTopicSettings((name) => topicEnv[name]) });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['retention.ms', 'min.insync.replicas'],
        })),
      });
      const settings = Object.fromEntries(
        described.resources.map((resource) => [
          resource.resourceName,
          Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, entry.configValue])),
        ]),
      );
      expect(settings).toEqual({
        [topics[0]!]: { 'retention.ms': '2592000000', 'min.insync.replicas': '1' },
        [topics[1]!]: { 'retention.ms': '604800000', 'min.insync.replicas': '1' },
      });
    } finally {
      await admin.disconnect();
    }

    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    try {
      const [sent] = await producer.send({
        topic: topics[0]!,
        acks: -1,
        messages: [{ key: 'a', value: 'b' }],
      });
      expect(sent?.errorCode).toBe(0);
    } finally {
      await producer.disconnect();
    }
  }, 60_000);

  it('a wrong password is refused by the broker', async () => {
    await expect(listTopics(client(env({ KAFKA_SASL_PASSWORD: 'fel-losenord' })))).rejects.toThrow(
      /authentication failed|invalid credentials/i,
    );
  }, 60_000);
});
