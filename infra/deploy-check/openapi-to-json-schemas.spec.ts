import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const converter = resolve(__dirname, 'openapi-to-json-schemas.mjs');

// A small OpenAPI document with the shapes of the real one: a grouped and a core kind, a $ref chain,
// a type that contains itself, int-or-string and quantities.
const swagger = {
  definitions: {
    'io.k8s.api.apps.v1.Deployment': {
      'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
      required: ['spec'],
      properties: {
        apiVersion: { type: 'string' },
        spec: { $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' },
      },
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      type: 'object',
      properties: {
        replicas: { type: 'integer', format: 'int32' },
        maxSurge: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        cpu: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' },
        props: { $ref: '#/definitions/io.k8s.Props' },
        raw: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { a: { type: 'string' } },
        },
      },
    },
    'io.k8s.Props': { type: 'object', properties: { inner: { $ref: '#/definitions/io.k8s.Props' } } },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
    'io.k8s.api.core.v1.Service': {
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Service' }],
      properties: { kind: { type: 'string' } },
    },
    'io.k8s.api.networking.v1.Ingress': {
      'x-kubernetes-group-version-kind': [{ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' }],
      properties: {},
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': {
      'x-kubernetes-group-version-kind': [
        { group: '', version: 'v1', kind: 'DeleteOptions' },
        { group: 'apps', version: 'v1', kind: 'DeleteOptions' },
      ],
      properties: {},
    },
  },
};

describe('openapi-to-json-schemas (kubeconform schemas from the Kubernetes OpenAPI document, ADR 0047)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-schemas-'));
  writeFileSync(join(dir, 'swagger.json'), JSON.stringify(swagger));
  execFileSync(process.execPath, [converter, join(dir, 'swagger.json'), join(dir, 'out')], { stdio: 'pipe' });
  const schema = (file: string) => JSON.parse(readFileSync(join(dir, 'out', file), 'utf8'));

  it('names each kind the way kubeconform looks it up, and skips kinds listed under many groups', () => {
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'deployment-apps-v1.json',
      'ingress-networking-v1.json',
      'service-v1.json',
    ]);
  });

  it('inlines references, refuses unknown fields and allows null ones', () => {
    const deployment = schema('deployment-apps-v1.json');
    expect(deployment.required).toEqual(['spec']);
    expect(deployment.additionalProperties).toBe(false);
    const spec = deployment.properties.spec;
    expect(spec.type).toEqual(['object', 'null']);
    expect(spec.additionalProperties).toBe(false);
    expect(spec.properties.replicas.type).toEqual(['integer', 'null']);
    expect(JSON.stringify(deployment)).not.toContain('$ref');
  });

  it('takes int-or-string and quantities as either, and stops a type that contains itself', () => {
    const spec = schema('deployment-apps-v1.json').properties.spec;
    expect(spec.properties.maxSurge.oneOf).toEqual([
      { type: 'string' },
      { type: 'integer' },
      { type: 'null' },
    ]);
    expect(spec.properties.cpu.oneOf).toEqual([{ type: 'string' }, { type: 'number' }, { type: 'null' }]);
    expect(spec.properties.props.properties.inner).toEqual({});
    expect(spec.properties.raw.additionalProperties).toBeUndefined();
  });
});
