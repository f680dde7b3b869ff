// Google's myanmar-tools ships its detector as TypeScript source with the model as a build-time placeholder;
// web/scripts/build.mjs bundles that source with the model's bytes filled in (see docs/web.md, detection).
declare module 'myanmar-tools' {
  export class ZawgyiDetector {
    getZawgyiProbability(input: string): number;
  }
  /** Added by scripts/detect-plugin.mjs: the model's bytes, where the bundle leaves them out (the member app's
   * detection worker fetches them as a file of the build); elsewhere the embedded model is used. */
  export function setZawgyiModel(model: ArrayBuffer): void;
}
