// Bundles the CLI and (once it exists) the extension into dist/. node-fetch 3 is ESM-only;
// esbuild folds it into the CommonJS bundle so neither VS Code nor Node needs to load ESM.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * fetch-blob (under node-fetch 3) falls back to web-streams-polyfill when `node:stream/web` is missing,
 * which never happens on Node >= 16.5; leaving the fallback out saves 60 KB of bundle.
 * @type {import('esbuild').Plugin}
 */
const noStreamsPolyfill = {
  name: 'no-web-streams-polyfill',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/.*)?$/ }, () => ({ path: 'web-streams-polyfill', namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'throw new Error("web-streams-polyfill is not bundled: Node >= 16.5 has node:stream/web");', loader: 'js' }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  plugins: [noStreamsPolyfill],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(require('./package.json').version) },
};

// The codicons the video panel uses (src/webview/main.ts and src/vod/format.ts); only these rules are shipped.
const PANEL_ICONS = ['pass', 'cloud-upload', 'sync', 'error', 'circle-slash', 'question', 'refresh', 'copy', 'json', 'globe', 'search', 'device-camera-video', 'file-media', 'shield', 'loading'];

/** media/codicon.css (the font face, the modifiers and the icons above) and media/codicon.ttf. */
function copyCodicons() {
  const dir = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  const css = fs.readFileSync(path.join(dir, 'codicon.css'), 'utf8');
  const head = css.slice(0, css.indexOf('/*---------------------\n *  Icons'));
  const rules = PANEL_ICONS.map((name) => {
    const m = css.match(new RegExp(`\\.codicon-${name}:before \\{ content: "(\\\\[0-9a-f]+)" \\}`));
    if (!m) throw new Error(`codicon ${name} not found`);
    return `.codicon-${name}:before { content: "${m[1]}" }`;
  });
  fs.writeFileSync('media/codicon.css', `${head.replace(/codicon\.ttf\?[0-9a-f]+/, 'codicon.ttf')}${rules.join('\n')}\n`);
  fs.copyFileSync(path.join(dir, 'codicon.ttf'), 'media/codicon.ttf');
}

const targets = [
  { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The panel's script runs in the webview (a browser), not in Node.
  { entryPoints: ['src/webview/main.ts'], outfile: 'media/panel.js', platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false },
].filter((t) => fs.existsSync(t.entryPoints[0]));

/** Every .ts file under a folder. */
function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'webview' || e.name === 'workspace' || e.name === 'workspace-untrusted' ? [] : tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * `--tests`: the integration suite, transpiled file by file (not bundled, so the suite's modules stay
 * shared) into out/, where the extension host loads it. The emulator's data file goes along.
 */
async function buildTests() {
  const entryPoints = [...tsFiles('test/integration'), ...tsFiles('test/emulator'), 'test/runner/hostMocha.ts', ...tsFiles('src')];
  await esbuild.build({
    entryPoints,
    outdir: 'out',
    outbase: '.',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // The emulator finds its data next to its module through import.meta.url (ESM); in CommonJS that is __filename.
    banner: { js: "var __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url', __VERSION__: JSON.stringify(require('./package.json').version) },
  });
  fs.copyFileSync('test/emulator/videos.json', 'out/test/emulator/videos.json');
}

async function main() {
  if (process.argv.includes('--tests')) {
    await buildTests();
    return;
  }
  copyCodicons();
  const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...common, ...t })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
