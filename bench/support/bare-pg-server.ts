// The baseline of bench/api-intake.ts: the least a service can do for the same requests — a bare
// node:http server that parses the JSON body and writes the same row with pg, no framework, no
// validation, no authentication, no event store. Started as its own process, like the api.
// WORKERS=n runs n such processes on the port (node:cluster), as the api does with API_WORKERS.
//   DATABASE_URL=… PORT=… [WORKERS=2] node -r @swc-node/register bench/support/bare-pg-server.ts
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 20),
});
const port = Number(process.env.PORT);
const workers = Number(process.env.WORKERS ?? 1);

async function createTables(): Promise<void> {
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bare_cases (id uuid PRIMARY KEY, type text NOT NULL, unit_id text NOT NULL, data jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bare_access_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), case_id uuid NOT NULL, username text NOT NULL)`,
  );
}

async function main(): Promise<void> {
  if (cluster.isPrimary) await createTables();
  if (cluster.isPrimary && workers > 1) {
    await pool.end();
    for (let i = 0; i < workers; i++) cluster.fork();
    process.stdout.write(`bare-pg-server lyssnar på ${port} med ${workers} processer\n`);
    process.on('SIGTERM', () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
    return;
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          if (req.method === 'POST' && req.url === '/cases') {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              type: string;
              unitId: string;
            };
            const id = randomUUID();
            await pool.query(`INSERT INTO bare_cases (id, type, unit_id, data) VALUES ($1, $2, $3, $4)`, [
              id,
              body.type,
              body.unitId,
              JSON.stringify(body),
            ]);
            res
              .writeHead(201, { 'content-type': 'application/json', location: `/cases/${id}` })
              .end(JSON.stringify({ id }));
            return;
          }
          const match = /^\/cases\/([0-9a-f-]{36})$/.exec(req.url ?? '');
          if (req.method === 'GET' && match) {
            const { rows } = await pool.query(
              `SELECT id, type, unit_id, data FROM bare_cases WHERE id = $1`,
              [match[1]],
            );
            await pool.query(`INSERT INTO bare_access_log (case_id, username) VALUES ($1, 'bench')`, [
              match[1],
            ]);
            res
              .writeHead(rows.length ? 200 : 404, { 'content-type': 'application/json' })
              .end(JSON.stringify(rows[0] ?? {}));
            return;
          }
          res.writeHead(404).end();
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      })();
    });
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write(`bare-pg-server lyssnar på ${port}\n`));
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
