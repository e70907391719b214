// node infra/deploy-check/openapi-to-json-schemas.mjs <swagger.json> <out dir>
//
// Turns the Kubernetes OpenAPI document (api/openapi-spec/swagger.json of the Go module
// k8s.io/kubernetes, fetched with `go mod download`) into one standalone, strict JSON schema per
// kind, named the way kubeconform looks them up: <kind>[-<group>]-<version>.json, e.g.
// deployment-apps-v1.json, service-v1.json, horizontalpodautoscaler-autoscaling-v2.json.
// kubeconform's own schemas come from GitHub at run time, which this project may not reach (ADR 0047).
//
//   standalone  every $ref is inlined (a type that contains itself becomes {} at the second level)
//   strict      an object with listed properties refuses others, so a misspelt key is an error
//   nullable    a field may be null (Helm renders an empty value as null; the API server drops it)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

export function kubeconformFileName({ group, version, kind }) {
  const groupPart = group ? `-${group.split('.')[0]}` : '';
  return `${kind}${groupPart}-${version}.json`.toLowerCase();
}

function nullable(schema) {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (schema.oneOf) return { ...schema, oneOf: [...schema.oneOf, { type: 'null' }] };
  return schema;
}

export function standaloneSchema(definitions, name) {
  const expand = (schema, seen, top) => {
    if (schema.$ref) {
      const target = schema.$ref.replace('#/definitions/', '');
      if (target === INT_OR_STRING) return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
      if (target === QUANTITY) return { oneOf: [{ type: 'string' }, { type: 'number' }] };
      if (seen.includes(target)) return {};
      const inlined = expand(definitions[target], [...seen, target], false);
      return schema.description ? { ...inlined, description: schema.description } : inlined;
    }
    const result = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties') {
        result.properties = Object.fromEntries(
          Object.entries(value).map(([property, sub]) => [property, nullable(expand(sub, seen, false))]),
        );
      } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
        result[key] = expand(value, seen, false);
      } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
        result[key] = value.map((sub) => expand(sub, seen, false));
      } else if (!key.startsWith('x-kubernetes-') || key === 'x-kubernetes-group-version-kind') {
        result[key] = value;
      }
    }
    if (
      result.properties &&
      result.additionalProperties === undefined &&
      !schema['x-kubernetes-preserve-unknown-fields']
    )
      result.additionalProperties = false;
    if (top) result.$schema = 'http://json-schema.org/schema#';
    return result;
  };
  return expand(definitions[name], [name], true);
}

export function writeSchemas(swagger, outDir) {
  mkdirSync(outDir, { recursive: true });
  const written = new Set();
  for (const [name, definition] of Object.entries(swagger.definitions)) {
    const kinds = definition['x-kubernetes-group-version-kind'] ?? [];
    // DeleteOptions, WatchEvent and the like are listed under every group; one schema is enough.
    if (kinds.length !== 1) continue;
    const file = kubeconformFileName(kinds[0]);
    writeFileSync(join(outDir, file), JSON.stringify(standaloneSchema(swagger.definitions, name)));
    written.add(file);
  }
  return written.size;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const [swaggerFile, outDir] = process.argv.slice(2);
  if (!swaggerFile || !outDir) {
    process.stderr.write('usage: openapi-to-json-schemas.mjs <swagger.json> <out dir>\n');
    process.exit(2);
  }
  const count = writeSchemas(JSON.parse(readFileSync(swaggerFile, 'utf8')), outDir);
  process.stderr.write(`[deploy-check] ${count} JSON-scheman / schemas i / in ${outDir}\n`);
}
