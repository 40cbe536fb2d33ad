// The test entry (extensionTestsPath) row 6 runs inside VS Code: activate the extension, wait until its
// "activate() took X ms" line reaches the log file the runner reads, report, and resolve.
// Built by bench/lib/build.ts into bench/.build/activate-entry.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'vod-tools.vod-lookup';
const LOG_LINE = /activate\(\) took \d/;

/** Whether any .log file under `dir` holds the activation line. */
function logged(dir: string): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() ? logged(full) : entry.name.endsWith('.log') && LOG_LINE.test(fs.readFileSync(full, 'utf8'))) return true;
  }
  return false;
}

export async function run(): Promise<void> {
  const started = performance.now();
  const extension = vscode.extensions.getExtension<{ activationMs?: number }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const wasActive = extension.isActive;
  const api = await extension.activate();
  const awaitedMs = performance.now() - started;
  // Output channels are written to disk asynchronously: wait (up to 10 s) for the line the runner parses.
  // The runner keeps the user data (and so the logs) beside VOD_TEST_REPORT (test/runner/codeServer.ts).
  const report = process.env.VOD_TEST_REPORT;
  const logs = report ? path.join(path.dirname(report), 'user-data', 'logs') : undefined;
  let found = false;
  for (let waited = 0; logs && waited < 10_000 && !(found = logged(logs)); waited += 100) await new Promise((r) => setTimeout(r, 100));
  const line =
    `bench: ${EXTENSION_ID} active (already active: ${wasActive}); activate() reported ${api.activationMs?.toFixed(2) ?? '?'} ms; ` +
    `activate() awaited ${awaitedMs.toFixed(2)} ms; log line ${found ? 'found' : 'NOT found'}`;
  // The runner's convention (test/runner/codeServer.ts): a report it follows, a summary it reads.
  if (report) fs.appendFileSync(report, `${line}\n`);
  const summary = process.env.VOD_TEST_SUMMARY;
  if (summary) fs.writeFileSync(summary, JSON.stringify({ passed: 1, failed: 0, pending: 0, total: 1, durationMs: performance.now() - started, failures: [] }));
  const out = process.env.BENCH_ACTIVATION_FILE;
  if (out) fs.writeFileSync(out, JSON.stringify({ activationMs: api.activationMs, awaitedMs, wasActive, logLineFound: found }));
}
