// The published schemas as validator data, resolved by web/scripts/schema-data.mjs to dist/schema-data.json
// (generated from docs/schema/ on every build, not committed).
declare module 'virtual:haven-schema-data' {
  import type { SchemaData } from './schema.std.js';
  const data: SchemaData;
  export default data;
}
