// Virtual modules made by scripts/build.mjs from myanmar-tools' sources, and the constants esbuild defines.
declare module 'haven:zawgyi-detector' {
  export class ZawgyiDetector {
    getZawgyiProbability(input: string): number;
  }
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
