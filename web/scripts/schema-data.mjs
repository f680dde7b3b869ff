// The published schemas (docs/schema/, written from the server by `python -m server.protocol.schema_export`) as the
// compact data the core's validator (src/core/schema.std.ts) reads, generated on every build: one source of truth,
// never edited in web/ and never stale. Shared by scripts/build.mjs and scripts/bench.mjs.
//  - `virtual:haven-schema-data` is dist/schema-data.json:
//      { defs: { "<ns>.<Name>": schema }, frame: schema, routes: [[method, template, { "<status>": schema | null }]] }
//    `ws.` names come from websocket-server-frames.json, `api.` names from openapi.json's components; every $ref is
//    rewritten to such a name, and only the keywords the validator checks are kept (titles, descriptions, defaults
//    and examples are dropped), so the data is a fraction of the documents it comes from.
//  - Only what the server *sends* is kept: server frames and HTTP response bodies (every status the document lists;
//    a status with no JSON body, such as 204, is null).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// What src/core/schema.std.ts interprets. A keyword outside this set and outside ANNOTATIONS fails the build, so a
// schema the server starts to emit with, say, `allOf` cannot be silently half-checked.
const CHECKED = new Set(['type', 'properties', 'required', 'additionalProperties', 'patternProperties', 'maxProperties',
  'enum', 'const', 'items', 'minItems', 'maxItems', 'anyOf', 'oneOf', 'discriminator', 'minLength', 'maxLength', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', '$ref']);
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'contentEncoding', 'contentMediaType',
  'format', '$schema', 'deprecated', 'readOnly', 'writeOnly']);

function compact(schema, ref, where) {
  if (typeof schema === 'boolean') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!CHECKED.has(key)) throw new Error(`schema-data: ${where} uses "${key}", which src/core/schema.std.ts does not check`);
    switch (key) {
      case '$ref':
        out.$ref = ref(value, where);
        break;
      case 'properties':
      case 'patternProperties':
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v, ref, `${where}.${k}`)]));
        break;
      case 'items':
      case 'additionalProperties':
        out[key] = compact(value, ref, `${where}.${key}`);
        break;
      case 'anyOf':
      case 'oneOf':
        out[key] = value.map((v, i) => compact(v, ref, `${where}.${key}[${i}]`));
        break;
      case 'discriminator':
        out.discriminator = { propertyName: value.propertyName,
          mapping: Object.fromEntries(Object.entries(value.mapping ?? {}).map(([k, v]) => [k, ref(v, where)])) };
        break;
      default:
        out[key] = value;
    }
  }
  if (out.discriminator && !out.oneOf && !out.anyOf) throw new Error(`schema-data: ${where}: a discriminator without oneOf/anyOf`);
  return out;
}

function refFor(prefix, namespace) {
  return (value, where) => {
    if (typeof value !== 'string' || !value.startsWith(prefix)) throw new Error(`schema-data: ${where}: unexpected $ref ${value}`);
    return `${namespace}.${value.slice(prefix.length)}`;
  };
}

export function schemaData(repo) {
  const read = (name) => JSON.parse(readFileSync(join(repo, 'docs/schema', name), 'utf8'));
  const defs = {};
  const ws = read('websocket-server-frames.json');
  const wsRef = refFor('#/$defs/', 'ws');
  for (const [name, s] of Object.entries(ws.$defs)) defs[`ws.${name}`] = compact(s, wsRef, `ws.${name}`);
  const { $defs: _defs, ...root } = ws;
  const frame = compact(root, wsRef, 'ws');

  const api = read('openapi.json');
  const apiRef = refFor('#/components/schemas/', 'api');
  for (const [name, s] of Object.entries(api.components.schemas)) defs[`api.${name}`] = compact(s, apiRef, `api.${name}`);
  const routes = [];
  for (const [template, operations] of Object.entries(api.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const responses = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const s = r.content?.['application/json']?.schema;
        responses[status] = s ? compact(s, apiRef, `${method.toUpperCase()} ${template} ${status}`) : null;
      }
      routes.push([method.toUpperCase(), template, responses]);
    }
  }
  // Every reference (a $ref or a discriminator's mapping) names a schema that is in the data.
  const names = [];
  JSON.stringify({ defs, frame, routes }, (key, value) => {
    if (key === '$ref') names.push(value);
    if (key === 'mapping') names.push(...Object.values(value));
    return value;
  });
  for (const name of names) if (!(name in defs)) throw new Error(`schema-data: ${name} names no schema`);
  // Keep only the schemas something the server sends can reach (openapi.json's components also hold request bodies).
  const reachable = new Set();
  const visit = (value) => JSON.stringify(value, (key, v) => {
    const found = key === '$ref' ? [v] : key === 'mapping' ? Object.values(v) : [];
    for (const name of found) {
      if (!reachable.has(name)) {
        reachable.add(name);
        visit(defs[name]);
      }
    }
    return v;
  });
  visit({ frame, routes });
  return { defs: Object.fromEntries(Object.entries(defs).filter(([name]) => reachable.has(name))), frame, routes };
}

let exported = null;

export function exportSchemaData(root) {
  if (exported) return exported;
  const out = join(root, 'dist/schema-data.json');
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(out, JSON.stringify(schemaData(join(root, '..'))));
  exported = out;
  return out;
}

export function schemaPlugin(root) {
  return {
    name: 'haven-schema',
    setup(b) {
      b.onResolve({ filter: /^virtual:haven-schema-data$/ }, () => ({ path: exportSchemaData(root) }));
    },
  };
}
