/**
 * Runs a mocha suite INSIDE the VS Code extension host and reports to the runner.
 *
 * This module is meant to be bundled into the test entry (the `extensionTestsPath` module) that
 * `runTestsInCodeServer()` in ./codeServer.ts hands to VS Code. It has no dependency on `vscode`.
 *
 * The reporting convention (see the header of ./codeServer.ts):
 *   - VOD_TEST_REPORT  : absolute path of a text file; everything mocha's reporter prints, and
 *                        everything the tests print with console.*, is appended to it (synchronously,
 *                        so nothing is lost if the extension host dies). The runner follows that file
 *                        and copies it to its own stdout while the suite runs.
 *   - VOD_TEST_SUMMARY : absolute path of a JSON file; written once at the end ({@link HostTestSummary}).
 *   - VOD_TEST_GREP    : optional; only tests whose full title matches this regular expression run.
 * Without these variables (e.g. under @vscode/test-electron on a machine with a desktop VS Code)
 * the helper simply runs mocha and prints to the console as usual.
 *
 * Usage in a test entry:
 *   import * as path from 'node:path';
 *   import { runMochaInHost } from '../runner/hostMocha';
 *   export function run(): Promise<void> {
 *     return runMochaInHost({ files: [path.join(__dirname, 'hover.test.js')] });
 *   }
 */
import * as fs from 'node:fs';
import * as util from 'node:util';
import Mocha from 'mocha';

export const REPORT_ENV = 'VOD_TEST_REPORT';
export const SUMMARY_ENV = 'VOD_TEST_SUMMARY';
export const GREP_ENV = 'VOD_TEST_GREP';

export interface HostMochaOptions {
  /** Absolute paths of CommonJS test files (compiled .js) to load. */
  files: string[];
  /** Per-test timeout in ms (default 20000, like .mocharc.json). */
  timeoutMs?: number;
  /** mocha interface (default 'bdd': describe/it). */
  ui?: 'bdd' | 'tdd';
  /** Only run tests matching this; defaults to $VOD_TEST_GREP. */
  grep?: string;
}

export interface HostTestFailure {
  title: string;
  message: string;
}

export interface HostTestSummary {
  passed: number;
  failed: number;
  pending: number;
  total: number;
  durationMs: number;
  failures: HostTestFailure[];
  /** Error thrown while loading the test files, if any. */
  loadError?: string;
}

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';
const CONSOLE_METHODS: readonly ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];

/** Appends to the report file (if configured) and returns a function that undoes the patching. */
function teeOutput(reportFile: string | undefined): () => void {
  if (!reportFile) return () => undefined;
  const append = (text: string): void => {
    try {
      fs.appendFileSync(reportFile, text);
    } catch {
      // The report is a convenience; never let it break the run.
    }
  };
  const base = Mocha.reporters.Base;
  const originalBaseLog = base.consoleLog;
  base.consoleLog = (...data: unknown[]): void => {
    append(util.format(...data) + '\n');
    originalBaseLog(...data);
  };
  // VS Code's extension host replaces console.log & co. with accessors whose setter does nothing (it
  // forwards console calls to the workbench), so plain assignment is silently ignored. The properties
  // stay configurable, so redefine them, and put the saved descriptors back afterwards.
  const saved = new Map<ConsoleMethod, PropertyDescriptor | undefined>();
  for (const method of CONSOLE_METHODS) {
    const descriptor = Object.getOwnPropertyDescriptor(console, method);
    const current = console[method].bind(console) as (...data: unknown[]) => void;
    const tee = (...data: unknown[]): void => {
      append(util.format(...data) + '\n');
      current(...data);
    };
    try {
      Object.defineProperty(console, method, { configurable: true, enumerable: descriptor?.enumerable ?? true, writable: true, value: tee });
      saved.set(method, descriptor);
    } catch {
      // not configurable: console output of the tests stays out of the report
    }
  }
  return () => {
    base.consoleLog = originalBaseLog;
    for (const [method, descriptor] of saved) {
      if (descriptor) Object.defineProperty(console, method, descriptor);
      else delete (console as unknown as Record<string, unknown>)[method];
    }
  };
}

function writeSummary(summary: HostTestSummary): void {
  const file = process.env[SUMMARY_ENV];
  if (!file) return;
  try {
    fs.writeFileSync(file, JSON.stringify(summary, null, 2));
  } catch {
    // ignore, the exit code still tells the runner the outcome
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/** Runs the given mocha test files; resolves when all pass, rejects otherwise. */
export async function runMochaInHost(options: HostMochaOptions): Promise<void> {
  const reportFile = process.env[REPORT_ENV];
  const grep = options.grep ?? process.env[GREP_ENV];
  const mocha = new Mocha({
    ui: options.ui ?? 'bdd',
    timeout: options.timeoutMs ?? 20000,
    // The report file is read by people and CI logs; escape codes only get in the way there.
    color: !reportFile,
    reporter: 'spec',
  });
  if (grep) mocha.grep(new RegExp(grep));
  for (const file of options.files) mocha.addFile(file);

  const restore = teeOutput(reportFile);
  const started = Date.now();
  try {
    const summary = await new Promise<HostTestSummary>((resolve) => {
      const failures: HostTestFailure[] = [];
      let runner: Mocha.Runner;
      try {
        runner = mocha.run(() => {
          const stats = runner.stats;
          resolve({
            passed: stats?.passes ?? 0,
            failed: stats?.failures ?? failures.length,
            pending: stats?.pending ?? 0,
            total: runner.total,
            durationMs: Date.now() - started,
            failures,
          });
        });
      } catch (err) {
        // mocha.run() loads the files synchronously: a syntax error or a throwing import lands here.
        const text = errorText(err);
        console.error(`Failed to load the test files:\n${text}`);
        resolve({ passed: 0, failed: 1, pending: 0, total: 0, durationMs: Date.now() - started, failures, loadError: text });
        return;
      }
      runner.on('fail', (test: Mocha.Runnable, err: unknown) => {
        failures.push({ title: test.fullTitle(), message: err instanceof Error ? err.message : String(err) });
      });
    });
    writeSummary(summary);
    if (summary.failed > 0) {
      throw new Error(`${summary.failed} of ${summary.total} tests failed.`);
    }
    if (summary.total === 0) {
      throw new Error('No tests ran (check the test files and VOD_TEST_GREP).');
    }
  } finally {
    restore();
  }
}
