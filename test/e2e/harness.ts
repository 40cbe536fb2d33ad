// Pieces shared by the end-to-end suite (test/e2e/run.ts) and the sandbox (sandbox/run.ts): packaging the
// VSIX the way a release does, clean-up of what this process made, and a tiny check recorder.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../runner/codeServer';

export { REPO_ROOT };

export function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------
// clean-up of what the runner library does not know about

const exitPaths = new Set<string>();
const exitChildren = new Set<ChildProcess>();
let earlySignalsInstalled = false;
let signalled = false;

/** True once SIGINT/SIGTERM/SIGHUP has arrived (needs handleSignalsEarly()). */
export function signalReceived(): boolean {
  return signalled;
}

/**
 * Removes `dir` when the process exits, however it exits (normal end, process.exit from the runner
 * library's Ctrl-C handler, or an uncaught error). Returns a function that removes it now.
 */
export function removeOnExit(dir: string): () => void {
  exitPaths.add(dir);
  handleSignalsEarly();
  return () => {
    exitPaths.delete(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** Forget a folder registered with removeOnExit (e.g. to keep logs after a failure). */
export function keepOnExit(dir: string): void {
  exitPaths.delete(dir);
}

/**
 * Until code-server or the browser is started, the runner library (test/runner/codeServer.ts) has no
 * signal handlers yet, and Node's default would end the process without running 'exit' hooks. This
 * handler exits normally (so the hooks run) while it is alone; once the library has installed its own
 * handler (which stops code-server and the browser, then calls process.exit), it leaves it to that one.
 */
export function handleSignalsEarly(): void {
  if (earlySignalsInstalled) return;
  earlySignalsInstalled = true;
  process.on('exit', () => {
    for (const child of exitChildren) {
      try {
        child.kill('SIGTERM');
      } catch {
        // gone
      }
    }
    for (const dir of exitPaths) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      signalled = true;
      // Only this handler and the runner library's are ever installed for these signals.
      if (process.listenerCount(signal) > 1) return; // the runner library's handler takes care of it
      process.stderr.write(`\n${signal} received: cleaning up.\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// packaging

export interface PackageResult {
  vsix: string;
  ms: number;
}

/**
 * `npm run -s package` in the repository: the production bundle and `dist/vod-lookup-<version>.vsix`.
 * Output is kept and shown only when it fails.
 */
export async function packageExtension(): Promise<PackageResult> {
  const started = Date.now();
  const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const vsix = path.join(REPO_ROOT, 'dist', `vod-lookup-${version}.vsix`);
  const before = fs.statSync(vsix, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const env: NodeJS.ProcessEnv = {};
  // Under `npm test` npm hands its own config to scripts (npm_config_*): let the inner npm read its own.
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  handleSignalsEarly();
  const child = spawn('npm', ['run', '-s', 'package'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  exitChildren.add(child);
  child.on('close', () => exitChildren.delete(child));
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number>((resolve) => {
    child.on('error', (err) => {
      output += `\n${err.message}`;
      resolve(127);
    });
    child.on('close', (c) => resolve(c ?? 1));
  });
  const after = fs.statSync(vsix, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (code !== 0 || after === 0 || after === before) {
    const tail = output.split('\n').filter((l) => l.trim() && !/Unknown user config/.test(l)).slice(-30).join('\n');
    throw new Error(
      `"npm run -s package" ${code !== 0 ? `failed with exit code ${code}` : `did not write ${path.relative(REPO_ROOT, vsix)}`}:\n${tail}`,
    );
  }
  return { vsix, ms: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// checks

export interface CheckOutcome {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  skipped?: boolean;
}

export interface CheckOptions {
  /** When this check fails, the checks after it are not run (they could only fail the same way). */
  fatal?: boolean;
}

/**
 * A minimal sequential runner: each check prints `✔ name (time)` or `✖ name` and its error. After a
 * fatal failure the remaining checks are listed as not run and counted as failed.
 */
export class Checks {
  readonly outcomes: CheckOutcome[] = [];
  private aborted: string | undefined;

  constructor(
    private readonly onFailure: (name: string, error: unknown) => Promise<void>,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  async check(name: string, body: () => Promise<void>, options: CheckOptions = {}): Promise<boolean> {
    if (signalled) this.abort('interrupted (Ctrl-C)');
    if (this.aborted !== undefined) {
      this.outcomes.push({ name, ok: false, ms: 0, skipped: true, error: `not run: "${this.aborted}" failed` });
      this.out.write(`  - ${name} (not run)\n`);
      return false;
    }
    const started = Date.now();
    try {
      await body();
      const ms = Date.now() - started;
      this.outcomes.push({ name, ok: true, ms });
      this.out.write(`  \u2714 ${name} (${(ms / 1000).toFixed(1)} s)\n`);
      return true;
    } catch (err) {
      const ms = Date.now() - started;
      if (signalled) {
        // Ctrl-C: the runner library is closing the browser and VS Code under this check's feet.
        this.outcomes.push({ name, ok: false, ms, error: 'interrupted' });
        this.out.write(`  \u2716 ${name} (interrupted)\n`);
        return false;
      }
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      this.outcomes.push({ name, ok: false, ms, error: message });
      this.out.write(`  \u2716 ${name} (${(ms / 1000).toFixed(1)} s)\n${indent(message, 6)}\n`);
      try {
        await this.onFailure(name, err);
      } catch (hookError) {
        this.out.write(`      (could not record the failure: ${errorMessage(hookError)})\n`);
      }
      if (options.fatal) this.aborted = name;
      return false;
    }
  }

  /** Marks the rest as not run (e.g. after an infrastructure failure outside a check). */
  abort(reason: string): void {
    this.aborted ??= reason;
  }

  get passed(): number {
    return this.outcomes.filter((o) => o.ok).length;
  }

  get failed(): number {
    return this.outcomes.filter((o) => !o.ok).length;
  }
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .slice(0, 12)
    .map((line) => pad + line)
    .join('\n');
}

/** A file-system-safe slug of a check's name, for failure screenshots. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
