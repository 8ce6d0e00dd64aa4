// Bundles GraphiQL and Monaco's workers into ../resources/static/graphiql, with the licenses of
// every package that went into the bundle. Run: npm ci && npm run build (then commit the output).
// The page itself (index.html, page.css) is written by hand and kept only there: a build replaces
// everything else in that folder and leaves those two as they are.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const out = path.resolve('../resources/static/graphiql');
const handWritten = new Set(['index.html', 'page.css']);
fs.mkdirSync(out, { recursive: true });
for (const file of fs.readdirSync(out).filter(f => !handWritten.has(f))) {
  fs.rmSync(path.join(out, file), { recursive: true, force: true });
}

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl' },
  logLevel: 'warning',
};

const page = await esbuild.build({
  ...common,
  entryPoints: { graphiql: 'graphiql.jsx' },
  format: 'esm',
  outdir: out,
  assetNames: '[name]',
});
const workers = await esbuild.build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  format: 'iife',
  outdir: out,
});

// Every npm package with a file in either bundle, and its license text.
const packages = new Map();
for (const input of [...Object.keys(page.metafile.inputs), ...Object.keys(workers.metafile.inputs)]) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) {
    packages.set(match[1], path.resolve('node_modules', match[1]));
  }
}
const notices = [...packages.keys()].sort().map(name => {
  const dir = packages.get(name);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = fs.readdirSync(dir).find(f => /^(licen[cs]e|copying)/i.test(f));
  const text = file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${json.license}`;
  return `${name} ${json.version} (${json.license})\n${'-'.repeat(70)}\n${text}\n`;
});
fs.writeFileSync(path.join(out, 'THIRD-PARTY-LICENSES.txt'),
  'GraphiQL for Hookline bundles these packages, unmodified:\n\n' + notices.join('\n\n'));
console.log(`bundled ${packages.size} packages into ${out}`);
