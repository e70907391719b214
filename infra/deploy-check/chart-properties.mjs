// node infra/deploy-check/chart-properties.mjs <rendered manifests.yaml> <variant>
//
// What the Kubernetes schema cannot know about our chart, asserted on each rendered variant
// (infra/deploy-check.sh, ADR 0047): probes on each process's own health port, resources, a
// non-root read-only container, the owner's database address in the migration job only, the
// migration before and the schedules after the release, autoscalers that point at a Deployment.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { parseAllDocuments } = createRequire(import.meta.url)('yaml');

const HEALTH_PORTS = { api: 3000, worker: 3002, projector: 3001 };

export function chartProblems(documents, variant) {
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  const byKind = (kind) => documents.filter((d) => d.kind === kind);
  const component = (d) => d.metadata.labels['app.kubernetes.io/component'];
  const podsOf = [...byKind('Deployment'), ...byKind('Job')].map((d) => ({
    name: `${d.kind} ${d.metadata.name}`,
    component: component(d),
    owner: d,
    pod: d.spec.template.spec,
  }));

  for (const name of Object.keys(HEALTH_PORTS))
    expect(
      byKind('Deployment').some((d) => component(d) === name),
      `no Deployment for ${name}`,
    );

  for (const { name, component: process, owner, pod } of podsOf) {
    expect(pod.securityContext?.runAsNonRoot === true, `${name}: runAsNonRoot`);
    expect(pod.automountServiceAccountToken === false, `${name}: mounts a service account token`);
    for (const container of pod.containers) {
      const where = `${name}/${container.name}`;
      expect(container.resources?.requests && container.resources?.limits, `${where}: requests and limits`);
      expect(
        container.securityContext?.readOnlyRootFilesystem === true,
        `${where}: read-only root filesystem`,
      );
      expect(container.securityContext?.allowPrivilegeEscalation === false, `${where}: privilege escalation`);
      const variables = (container.env ?? []).map((variable) => variable.name);
      expect(
        variables.includes('DATABASE_OWNER_URL') === (process === 'migrate'),
        `${where}: DATABASE_OWNER_URL belongs to the migration job only`,
      );
      if (owner.kind !== 'Deployment') continue;
      const port = HEALTH_PORTS[process];
      const portNamed = (probe) =>
        container.ports?.find((p) => p.name === probe?.httpGet?.port)?.containerPort ?? probe?.httpGet?.port;
      expect(
        container.readinessProbe?.httpGet?.path === '/health/ready',
        `${where}: readiness on /health/ready`,
      );
      expect(container.livenessProbe?.httpGet?.path === '/health/live', `${where}: liveness on /health/live`);
      expect(
        portNamed(container.readinessProbe) === port && portNamed(container.livenessProbe) === port,
        `${where}: probes on port ${port}`,
      );
      const value = (key) => container.env?.find((variable) => variable.name === key)?.value;
      if (process === 'worker')
        expect(
          value('WORKER_HEALTH_PORT') === `${port}` && value('WORKER_HEALTH_HOST') === '0.0.0.0',
          `${where}: health port open to the kubelet`,
        );
      if (process === 'projector')
        expect(
          value('PROJECTOR_HEALTH_PORT') === `${port}` && value('PROJECTOR_HTTP_HOST') === '0.0.0.0',
          `${where}: health port open to the kubelet`,
        );
      if (process === 'api')
        expect(value('MIGRATE_ON_START') === 'false', `${where}: MIGRATE_ON_START=false`);
    }
  }

  const hookOf = (name) =>
    byKind('Job').find((d) => component(d) === name)?.metadata.annotations?.['helm.sh/hook'];
  expect(
    hookOf('migrate') === 'pre-install,pre-upgrade',
    'the migration job runs before install and upgrade',
  );
  expect(
    hookOf('schedules') === 'post-install,post-upgrade',
    'the schedules job runs after install and upgrade',
  );

  const deployments = new Set(byKind('Deployment').map((d) => d.metadata.name));
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    expect(deployments.has(hpa.spec.scaleTargetRef.name), `HPA ${hpa.metadata.name}: no such Deployment`);
    const target = byKind('Deployment').find((d) => d.metadata.name === hpa.spec.scaleTargetRef.name);
    expect(
      target?.spec.replicas === undefined,
      `HPA ${hpa.metadata.name}: the Deployment fixes its replicas`,
    );
  }
  // secrets.existingSecret: the installation manages the Secret, the chart must not render one.
  if (variant === 'external-secrets') expect(byKind('Secret').length === 0, 'renders a Secret');
  return problems;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const [file, variant] = process.argv.slice(2);
  const documents = parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => document.toJS())
    .filter(Boolean);
  const problems = chartProblems(documents, variant);
  for (const problem of problems) process.stderr.write(`[deploy-check] ${variant}: ${problem}\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}
