/**
 * Proves the code-server test runner end to end with a small dummy extension that lives outside the
 * repo (see the report of the runner's author for its files):
 *   npx tsx test/runner/selftest.ts /tmp/dummy-ext
 *
 * The dummy folder needs: package.json (publisher vod-tools-test, name dummy-ext, command dummy.hello,
 * setting dummy.greeting), extension.js (command, plaintext hover provider, a LogOutputChannel logging
 * `activate() took <n> ms`), test/index.js (requires ../out/hostMocha.js, honours DUMMY_HANG),
 * test/suite.test.js and workspace/sample.txt ("hello VIDEO123 world").
 * This script bundles ./hostMocha.ts (with mocha) into <dummy>/out/hostMocha.js, then runs:
 *   1. a passing run (settings + env pass-through)      -> exit 0, activation time found
 *   2. a run with a deliberately failing test           -> exit non-zero, 1 failure
 *   3. an untrusted-workspace run (trustWorkspace:false) -> records vscode.workspace.isTrusted
 *   4. a run whose test entry never settles             -> exit 124 after the timeout
 *   5. `vsce package` + installVsix                     -> the extension lands in an extensions folder
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import {
  EXIT_TIMEOUT,
  REPO_ROOT,
  cacheDir,
  ensureCodeServer,
  installVsix,
  makeTempDir,
  runTestsInCodeServer,
  type RunTestsOptions,
  type RunTestsResult,
} from './codeServer';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const checks: Check[] = [];

function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}\n`);
}

function banner(text: string): void {
  process.stdout.write(`\n===== ${text} =====\n`);
}

function describeResult(r: RunTestsResult): string {
  const s = r.summary;
  const counts = s ? `${s.passed} passed, ${s.failed} failed, ${s.pending} skipped` : 'no summary';
  const act = r.activationMs !== undefined ? `, activate() ${r.activationMs} ms` : ', no activation line';
  return `exit ${r.exitCode}, ${counts}${act}, ${(r.wallMs / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const dummy = path.resolve(process.argv[2] ?? '/tmp/dummy-ext');
  for (const f of ['package.json', 'extension.js', 'test/index.js', 'test/suite.test.js', 'workspace/sample.txt']) {
    if (!fs.existsSync(path.join(dummy, f))) throw new Error(`${path.join(dummy, f)} is missing (see the header of this file)`);
  }

  const installStarted = Date.now();
  const install = await ensureCodeServer();
  process.stdout.write(`code-server ${install.codeServerVersion} / Node ${install.nodeVersion} ready in ${Date.now() - installStarted} ms\n`);

  // The test entry uses the same in-host helper the real suite will use, bundled with mocha.
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'hostMocha.ts')],
    outfile: path.join(dummy, 'out', 'hostMocha.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at run time; bundling can't follow that.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });

  const base: RunTestsOptions = {
    extensionDevelopmentPath: dummy,
    extensionTestsPath: path.join(dummy, 'test', 'index.js'),
    workspace: path.join(dummy, 'workspace'),
    timeoutMs: 120000,
  };

  banner('1. passing run: settings and env reach the extension host');
  const pass = await runTestsInCodeServer({
    ...base,
    settings: { 'dummy.greeting': 'ni hao' },
    env: { DUMMY_SECRET: 'from-the-runner', DUMMY_EXPECT_GREETING: 'ni hao', DUMMY_EXPECT_TRUSTED: 'true' },
  });
  check('passing run exits 0', pass.exitCode === 0, describeResult(pass));
  check('summary counts', pass.summary?.passed === 4 && pass.summary.failed === 0 && pass.summary.pending === 1, JSON.stringify(pass.summary ?? null).slice(0, 200));
  check('activation time found in the logs', pass.activationMs !== undefined, `activationMs=${pass.activationMs}`);
  check('run folder removed after a passing run', !fs.existsSync(pass.runDir), pass.runDir);

  banner('2. failing run: a deliberately failing test');
  const fail = await runTestsInCodeServer({
    ...base,
    settings: { 'dummy.greeting': 'ni hao' },
    env: { DUMMY_SECRET: 'from-the-runner', DUMMY_EXPECT_GREETING: 'ni hao', DUMMY_FAIL: '1' },
  });
  check('failing run exits non-zero', fail.exitCode !== 0, describeResult(fail));
  check('failing run reports 1 failure', fail.summary?.failed === 1, JSON.stringify(fail.summary?.failures ?? null).slice(0, 300));
  check('run folder kept after a failing run', fs.existsSync(fail.runDir), fail.runDir);

  banner('3. untrusted workspace (trustWorkspace: false)');
  const untrusted = await runTestsInCodeServer({
    ...base,
    trustWorkspace: false,
    grep: 'workspace trust',
    keepRunDir: true,
  });
  const report = fs.readFileSync(path.join(untrusted.runDir, 'report.txt'), 'utf8');
  const trustLine = /vscode\.workspace\.isTrusted = .*/.exec(report)?.[0] ?? '(no line)';
  check('untrusted run completes', untrusted.exitCode === 0, `${describeResult(untrusted)}; ${trustLine}`);
  check('vscode.workspace.isTrusted is false without --disable-workspace-trust', trustLine.includes('isTrusted = false'), trustLine);

  banner('4. timeout: a test entry that never settles');
  const hang = await runTestsInCodeServer({ ...base, env: { DUMMY_HANG: '1' }, timeoutMs: 40000 });
  check(`hanging run exits ${EXIT_TIMEOUT}`, hang.exitCode === EXIT_TIMEOUT, describeResult(hang));

  banner('5. VSIX: vsce package + installVsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const vsixDir = makeTempDir('vod-selftest-vsix-');
  const vsix = path.join(vsixDir, 'dummy-ext.vsix');
  const packed = spawnSync(vsce, ['package', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: dummy,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120000,
  });
  if (packed.status === 0 && fs.existsSync(vsix)) {
    const extensionsDir = path.join(vsixDir, 'extensions');
    const output = await installVsix(vsix, extensionsDir);
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('vod-tools-test.dummy-ext'));
    check('installVsix puts the extension in the extensions folder', installed.length === 1, `${installed.join(', ')}; CLI said: ${output.trim().split('\n').pop() ?? ''}`);
  } else {
    check('vsce package', false, `${packed.stdout}${packed.stderr}`.trim().slice(-500));
  }
  fs.rmSync(vsixDir, { recursive: true, force: true });
  if (untrusted.exitCode === 0) fs.rmSync(untrusted.runDir, { recursive: true, force: true });
  if (fail.exitCode !== 0) fs.rmSync(fail.runDir, { recursive: true, force: true });
  if (hang.exitCode === EXIT_TIMEOUT) fs.rmSync(hang.runDir, { recursive: true, force: true });

  const failed = checks.filter((c) => !c.ok).length;
  process.stdout.write(`\ncache: ${cacheDir()}\nselftest: ${checks.length - failed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
