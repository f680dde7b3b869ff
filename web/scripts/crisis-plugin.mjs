// The esbuild plugin for the member app's crisis notices: `virtual:haven-crisis-text` is what
// `python -m moderation.export_notices` prints (the resources and the writer's and reader's notices, per language),
// generated on every build from moderation/data like the detection data (scripts/detect-plugin.mjs), never edited here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function crisisTextPlugin(root) {
  let json = null;
  return {
    name: 'haven-crisis-text',
    setup(b) {
      b.onResolve({ filter: /^virtual:haven-crisis-text$/ }, () => ({ path: 'crisis-text', namespace: 'haven-crisis-text' }));
      b.onLoad({ filter: /.*/, namespace: 'haven-crisis-text' }, () => {
        if (json === null) {
          const repo = join(root, '..');
          const venvPython = join(repo, '.venv/bin/python');
          const python = process.env.HAVEN_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');
          json = execFileSync(python, ['-m', 'moderation.export_notices'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] }).toString('utf8');
        }
        return { contents: json, loader: 'json' };
      });
    },
  };
}
