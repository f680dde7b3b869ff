// The exported detection data, resolved by web/scripts/build.mjs to dist/detect-data.json (generated, not committed).
declare module 'virtual:haven-detect-data' {
  import type { DetectData } from './data.std.js';
  const data: DetectData;
  export default data;
}
