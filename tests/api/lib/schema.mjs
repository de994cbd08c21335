// A small JSON Schema (2020-12 subset, as used by docs/openapi.json) validator, so response bodies
// can be checked against the OpenAPI document the server itself serves. No npm packages.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v; // string, boolean, object
}

function typeMatches(want, v) {
  const t = typeOf(v);
  return t === want || (want === 'number' && t === 'integer');
}

/** Resolves "#/components/schemas/X" in `doc`. */
function resolve(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/**
 * Validates `value` against `schema` (within OpenAPI document `doc`). Returns a list of
 * human-readable problems, empty when valid.
 */
export function validate(doc, schema, value, at = '$') {
  const errors = [];
  if (schema === true || schema === undefined) return errors;
  if (schema === false) return [`${at}: no value allowed`];
  if (schema.$ref) {
    const target = resolve(doc, schema.$ref);
    if (!target) return [`${at}: unresolved $ref ${schema.$ref}`];
    errors.push(...validate(doc, target, value, at));
  }
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((s) => validate(doc, s, value, at).length === 0).length;
    if (passing !== 1) errors.push(`${at}: matches ${passing} of oneOf (want exactly 1): ${JSON.stringify(value)}`);
  }
  if (schema.anyOf && !schema.anyOf.some((s) => validate(doc, s, value, at).length === 0))
    errors.push(`${at}: matches none of anyOf: ${JSON.stringify(value)}`);
  if (schema.allOf) for (const s of schema.allOf) errors.push(...validate(doc, s, value, at));
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, value))) {
      errors.push(`${at}: type ${typeOf(value)} (${JSON.stringify(value)?.slice(0, 80)}), want ${types.join('|')}`);
      return errors; // the rest would only repeat this
    }
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum ${JSON.stringify(schema.enum)}`);
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value))
    errors.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    const n = [...value].length;
    if (schema.minLength !== undefined && n < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && n > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: ${JSON.stringify(value)} !~ /${schema.pattern}/`);
    if (schema.format === 'date' && !DATE.test(value)) errors.push(`${at}: ${JSON.stringify(value)} is not a date`);
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) errors.push(`${at}: ${JSON.stringify(value)} is not a date-time`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: ${value} < minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: ${value} > maximum ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${at}: items not unique`);
    if (schema.items) value.forEach((v, i) => errors.push(...validate(doc, schema.items, v, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const props = schema.properties || {};
    for (const k of schema.required || []) if (!(k in value)) errors.push(`${at}: missing required ${k}`);
    for (const [k, v] of Object.entries(value)) {
      if (k in props) errors.push(...validate(doc, props[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${k}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(doc, schema.additionalProperties, v, `${at}.${k}`));
    }
  }
  return errors;
}

/**
 * The JSON schema the document declares for `method` `pathTemplate` answering `status`
 * (following response $refs), or undefined when that status is not documented.
 */
export function responseSchema(doc, method, pathTemplate, status) {
  const op = doc.paths?.[pathTemplate]?.[method.toLowerCase()];
  if (!op) throw new Error(`not documented: ${method} ${pathTemplate}`);
  let r = op.responses?.[String(status)] ?? op.responses?.[`${String(status)[0]}XX`] ?? op.responses?.default;
  if (r?.$ref) r = resolve(doc, r.$ref);
  return r?.content?.['application/json']?.schema;
}
