import * as vscode from 'vscode';
import type { VodLookupApi } from '../../src/extension';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, type Emulator, startEmulator } from '../emulator/server';

export const EXTENSION_ID = 'vod-tools.vod-lookup';
export const KEY = { accessKeyId: DEFAULT_ACCESS_KEY_ID, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET };

export interface Context {
  api: VodLookupApi;
  emulator: Emulator;
}

let context: Promise<Context> | undefined;

/**
 * The suite starts the VOD emulator itself (in the extension host), so it runs the same under
 * code-server and under @vscode/test-electron, then points the extension at it.
 */
export function setup(): Promise<Context> {
  context ??= (async () => {
    const emulator = await startEmulator();
    const extension = vscode.extensions.getExtension<VodLookupApi>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
    const api = await extension.activate();
    await configure({ endpoint: emulator.url, region: 'cn-shanghai', fallbackRegions: [], 'hover.enabled': true, 'hover.exclude': [], profile: '' });
    await vscode.commands.executeCommand('vodLookup.setCredentials', KEY);
    return { api, emulator };
  })();
  return context;
}

/**
 * Registers a suite's hooks: the shared context once, and before each test a clean emulator (stats,
 * faults, videos) and an empty lookup cache. Returns the context's getter.
 */
export function suiteContext(): () => Context {
  let ctx: Context | undefined;
  before(async () => {
    ctx = await setup();
  });
  beforeEach(() => {
    ctx?.emulator.reset();
    ctx?.api.services.lookup.clear();
  });
  return () => {
    if (!ctx) throw new Error('the suite context is not set up yet');
    return ctx;
  };
}

/**
 * Sets user (global) settings and waits until the extension host sees them: `update()` can resolve
 * before the change event reaches the host, and the extension applies settings in that event.
 */
export async function configure(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('vodLookup');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
  const applied = () =>
    Object.entries(values).every(([key, value]) => JSON.stringify(vscode.workspace.getConfiguration('vodLookup').get(key)) === JSON.stringify(value));
  await waitFor(() => applied() || undefined, `settings ${Object.keys(values).join(', ')} to apply`);
  await sleep(20);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function openText(content: string, language = 'typescript'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(doc);
}

/**
 * The text of every hover any provider gives at a position, as a person reads it (Markdown escapes and
 * entities undone), or with `raw` the Markdown source.
 */
export async function hoverText(uri: vscode.Uri, position: vscode.Position, raw = false): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  const text = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
  if (raw) return text;
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!~<>|])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 3): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in document`);
  return doc.positionAt(offset + delta);
}
