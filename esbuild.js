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

async function main() {
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
