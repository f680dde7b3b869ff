// Virtual modules made by scripts/build.mjs from myanmar-tools' sources, and the constants esbuild defines.
declare module 'haven:zawgyi-detector' {
  export class ZawgyiDetector {
    getZawgyiProbability(input: string): number;
  }
  /** The model's bytes (scripts/detect-plugin.mjs adds this): before the first `new ZawgyiDetector()`. */
  export function setZawgyiModel(model: ArrayBuffer): void;
}
declare module 'haven:zawgyi-converter' {
  export class ZawgyiConverter {
    zawgyiToUnicode(input: string): string;
  }
}
declare module '*.svg' {
  const url: string;
  export default url;
}
declare module '*.woff2' {
  const url: string;
  export default url;
}
/** The proof-of-work worker's hashed file name, relative to the page. */
declare const __HAVEN_POW_WORKER__: string;
/** The crisis-detection worker's hashed file name, relative to the page (fetched after unlock). */
declare const __HAVEN_DETECT_WORKER__: string;
/** Google's Zawgyi model, a file of the build (`assets/zawgyi-model-<hash>.dat`) that the page and the detection
 * worker share; relative to the page. */
declare const __HAVEN_ZAWGYI_MODEL__: string;
/** The crisis resources and notices per language (scripts/crisis-plugin.mjs, from moderation/data). */
declare module 'virtual:haven-crisis-text' {
  interface CrisisResource { id: string; name: string; kind: string; phone: string; url: string; hours: string; note: string }
  interface CrisisText {
    writer_headline: string;
    reader_headline: string;
    reader_help: string[];
    reader_alerted: string;
    reader_not_alerted: string;
    resources: CrisisResource[];
  }
  const data: { format: number; languages: Record<string, CrisisText> };
  export default data;
}
