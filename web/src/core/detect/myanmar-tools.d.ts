// Google's myanmar-tools ships its detector as TypeScript source with the model as a build-time placeholder;
// web/scripts/build.mjs bundles that source with the model's bytes filled in (see docs/web.md, detection).
declare module 'myanmar-tools' {
  export class ZawgyiDetector {
    getZawgyiProbability(input: string): number;
  }
}
