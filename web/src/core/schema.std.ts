// What the server sends, checked against the schemas it publishes (docs/schema/, docs/protocol.md "Published
// schemas") before the core reads it: every relay frame and every HTTP response body. The data is generated from
// docs/schema/ at build time (web/scripts/schema-data.mjs); this is a small interpreter for the subset of JSON Schema
// the server emits (the generator refuses a keyword it does not list, so nothing is silently half-checked):
// type, properties, required, additionalProperties, patternProperties, maxProperties, enum, const, items,
// minItems, maxItems, anyOf, oneOf (with or without a discriminator), minLength, maxLength, pattern, minimum,
// maximum, exclusiveMinimum, exclusiveMaximum, $ref. Lengths count code points, as JSON Schema does.
import data from 'virtual:haven-schema-data';

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema;
  patternProperties?: Record<string, Schema>;
  maxProperties?: number;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  /** OpenAPI's: which member picks the alternative, and the schema (a name in `defs`) each value picks. */
  discriminator?: { propertyName: string; mapping: Record<string, string> };
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}
export type Schema = boolean | SchemaObject;

/** [method, path template (`/v1/groups/{group_id}`), status -> body schema, null for a status with no body]. */
export type Route = [string, string, Record<string, Schema | null>];

export interface SchemaData {
  /** `ws.<Name>` from websocket-server-frames.json, `api.<Name>` from openapi.json's components. */
  defs: Record<string, Schema>;
  /** Every frame the server sends on /v1/ws. */
  frame: Schema;
  routes: Route[];
}

/** Something the server sent does not match what it publishes. `schema` names what was checked (`frame`,
 * `GET /v1/groups/{group_id} 200`), `path` where in the value (a JSON pointer, "" for the whole value). */
export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(readonly schema: string, readonly path: string, readonly reason: string) {
    super(`${schema}: ${path || 'the value'} ${reason}`);
  }
}

interface Failure {
  path: string;
  reason: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function hasType(v: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const pointer = (path: string, key: string | number): string => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

export class Validator {
  private readonly patterns = new Map<string, RegExp>();
  private readonly routes: Array<{ method: string; template: string; regex: RegExp; responses: Record<string, Schema | null> }>;

  constructor(readonly data: SchemaData) {
    // A literal segment beats a parameter (`/v1/identities/me` before `/v1/identities/{account_id}`).
    this.routes = data.routes
      .map(([method, template, responses]) => ({ method, template, responses, regex: new RegExp(`^${template
        .split(/(\{[^}]+\})/).map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('')}$`) }))
      .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /** Throws SchemaError unless `value` matches `schema`; `name` says what was checked. */
  check(schema: Schema, value: unknown, name: string): void {
    const failure = this.walk(schema, value, '');
    if (failure) throw new SchemaError(name, failure.path, failure.reason);
  }

  /** A frame the server sent on /v1/ws (docs/schema/websocket-server-frames.json). */
  checkFrame(value: unknown): void {
    this.check(this.data.frame, value, 'frame');
  }

  /** An HTTP answer: `body` is the parsed JSON, null when the body was empty. A path the server does not publish,
   * or a success status it does not list for the route, is refused too. Returns false for an error status the route
   * does not list (a proxy's 502, say): the caller then reads nothing from the body. */
  checkResponse(method: string, path: string, status: number, body: unknown): boolean {
    const bare = path.split('?')[0]!;
    const route = this.routes.find((r) => r.method === method.toUpperCase() && r.regex.test(bare));
    const name = `${method.toUpperCase()} ${route?.template ?? bare} ${status}`;
    if (!route) throw new SchemaError(name, '', 'is not a published route');
    const schema = route.responses[String(status)];
    if (schema === undefined) {
      if (status >= 200 && status < 300) throw new SchemaError(name, '', 'is not a status the route publishes');
      return false;
    }
    if (schema === null) {
      if (body !== null) throw new SchemaError(name, '', 'should be empty');
      return true;
    }
    this.check(schema, body, name);
    return true;
  }

  private pattern(p: string): RegExp {
    let r = this.patterns.get(p);
    if (!r) {
      r = new RegExp(p, 'u');
      this.patterns.set(p, r);
    }
    return r;
  }

  private resolve(name: string): Schema {
    const s = this.data.defs[name];
    if (s === undefined) throw new Error(`schema data names no ${name}`); // the generator checks this; a build error
    return s;
  }

  private walk(schema: Schema, v: unknown, path: string): Failure | null {
    if (schema === true) return null;
    if (schema === false) return { path, reason: 'is not allowed' };
    const s = schema;
    const fail = (reason: string): Failure => ({ path, reason });
    if (s.$ref !== undefined) {
      const f = this.walk(this.resolve(s.$ref), v, path);
      if (f) return f;
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => hasType(v, t))) return fail(`should be ${types.join(' or ')}, not ${typeOf(v)}`);
    }
    if (s.const !== undefined && !equal(v, s.const)) return fail(`should be ${JSON.stringify(s.const)}`);
    if (s.enum !== undefined && !s.enum.some((e) => equal(v, e))) return fail('is not one of the allowed values');
    if (typeof v === 'string') {
      if (s.maxLength !== undefined && v.length > s.maxLength && codePoints(v) > s.maxLength) return fail(`is longer than ${s.maxLength}`);
      if (s.minLength !== undefined && (v.length < s.minLength || codePoints(v) < s.minLength)) return fail(`is shorter than ${s.minLength}`);
      if (s.pattern !== undefined && !this.pattern(s.pattern).test(v)) return fail(`does not match ${s.pattern}`);
    }
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) return fail(`is below ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) return fail(`is above ${s.maximum}`);
      if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) return fail(`is not above ${s.exclusiveMinimum}`);
      if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) return fail(`is not below ${s.exclusiveMaximum}`);
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) return fail(`has fewer than ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems) return fail(`has more than ${s.maxItems} items`);
      if (s.items !== undefined) {
        for (let i = 0; i < v.length; i++) {
          const f = this.walk(s.items, v[i], pointer(path, i));
          if (f) return f;
        }
      }
    }
    if (hasType(v, 'object')) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (s.maxProperties !== undefined && keys.length > s.maxProperties) return fail(`has more than ${s.maxProperties} members`);
      for (const k of s.required ?? []) if (!Object.hasOwn(o, k)) return fail(`lacks the member "${k}"`);
      const patterns = Object.entries(s.patternProperties ?? {});
      for (const k of keys) {
        let known = false;
        const declared = s.properties?.[k];
        if (declared !== undefined && Object.hasOwn(s.properties!, k)) {
          known = true;
          const f = this.walk(declared, o[k], pointer(path, k));
          if (f) return f;
        }
        for (const [p, ps] of patterns) {
          if (!this.pattern(p).test(k)) continue;
          known = true;
          const f = this.walk(ps, o[k], pointer(path, k));
          if (f) return f;
        }
        if (!known && s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) return { path: pointer(path, k), reason: 'is not a member this object has' };
          const f = this.walk(s.additionalProperties, o[k], pointer(path, k));
          if (f) return f;
        }
      }
    }
    if (s.discriminator !== undefined) {
      // The discriminator picks the one alternative to check, so a failure names the member that is wrong rather
      // than "matches none of 8 alternatives".
      const { propertyName, mapping } = s.discriminator;
      const tag = hasType(v, 'object') ? (v as Record<string, unknown>)[propertyName] : undefined;
      if (typeof tag !== 'string' || !Object.hasOwn(mapping, tag)) {
        return { path: pointer(path, propertyName), reason: 'is not one of the allowed values' };
      }
      return this.walk({ $ref: mapping[tag]! }, v, path);
    }
    if (s.anyOf !== undefined) {
      const failures = s.anyOf.map((alt) => this.walk(alt, v, path));
      if (failures.every((f) => f !== null)) return failures.length === 1 ? failures[0]! : fail('matches none of the alternatives');
    }
    if (s.oneOf !== undefined) {
      const matched = s.oneOf.filter((alt) => this.walk(alt, v, path) === null).length;
      if (matched !== 1) return fail(matched === 0 ? 'matches none of the alternatives' : 'matches more than one alternative');
    }
    return null;
  }
}

/** The validator for the schemas this build was made from. */
export const published = new Validator(data);
