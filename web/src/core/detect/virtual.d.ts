// The exported detection data, resolved by web/scripts/build.mjs to dist/detect-data.json (generated, not committed).
declare module 'virtual:haven-detect-data' {
  import type { PackedDetectData } from './data.std.js';
  const data: PackedDetectData;
  export default data;
}
