import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

// Every string the extension passes to vscode.l10n.t must have a Simplified Chinese translation, and
// every %key% in package.json must exist in both package.nls files.

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

describe('localization', () => {
  it('every l10n.t string has a zh-cn translation, and the bundle has no stale keys', () => {
    const used = new Set<string>();
    for (const file of sources(path.join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:l10n\.)?t\(\s*('(?:[^'\\]|\\.)*')/g)) used.add(unquote(m[1] as string));
    }
    assert.ok(used.size > 40, `found only ${used.size} strings: is the scan broken?`);
    const bundle = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const missing = [...used].filter((s) => !(s in bundle));
    const stale = Object.keys(bundle).filter((k) => !used.has(k));
    assert.deepEqual(missing, [], 'untranslated');
    assert.deepEqual(stale, [], 'translations of strings no longer used');
    for (const [k, v] of Object.entries(bundle)) {
      const placeholders = (s: string) => (s.match(/\{\d\}/g) ?? []).sort().join();
      assert.equal(placeholders(v), placeholders(k), `placeholders differ in "${k}"`);
    }
  });

  it('every %key% in package.json is in package.nls.json and package.nls.zh-cn.json', () => {
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string));
    assert.ok(keys.size > 10);
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
      assert.deepEqual([...keys].filter((k) => !(k in nls)), [], file);
      assert.deepEqual(Object.keys(nls).filter((k) => !keys.has(k)), [], `${file} has unused keys`);
    }
  });
});
