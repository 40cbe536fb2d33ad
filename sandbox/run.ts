// `npm run sandbox`: try the extension without VS Code and without an Alibaba Cloud account.
//
// Packages the extension (`npm run -s package`), starts the VOD emulator in this process, installs the VSIX
// into code-server (VS Code 1.139.1 in the browser), opens sandbox/workspace/ with user settings pointing
// vodLookup.endpoint at the emulator, gives VS Code the emulator's AccessKey through the environment, and
// prints the URL to open. Runs until Ctrl-C, then stops everything and deletes what it made.
//
//   npm run sandbox -- [--host 127.0.0.1] [--port 8080] [--emulator-port 0] [--no-package] [--quiet]
//
// code-server runs with `--auth none`: no password. It binds to 127.0.0.1 unless --host says otherwise.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, startEmulator } from '../test/emulator/server';
import { EXAMPLE_VIDEO_ID } from '../test/emulator/fixtures';
import {
  CODE_SERVER_VERSION,
  cacheDir,
  checkPrerequisites,
  ensureCodeServer,
  findActivationMs,
  freePort,
  installVsix,
  isCodeServerInstalled,
  makeTempDir,
  startCodeServer,
} from '../test/runner/codeServer';
import { elapsed, errorMessage, handleSignalsEarly, packageExtension, REPO_ROOT, removeOnExit, signalReceived } from '../test/e2e/harness';

const EXTENSION_ID = 'vod-tools.vod-lookup';
const WORKSPACE = path.join(REPO_ROOT, 'sandbox', 'workspace');
const DEFAULT_PORT = 8080;
const FALLBACK_REGIONS = ['cn-beijing', 'ap-southeast-1'];

const USAGE = `usage: npm run sandbox -- [options]

  --host <address>        address to listen on (default 127.0.0.1). Anything else exposes a VS Code
                          WITHOUT A PASSWORD (and its terminal) to whoever can reach that address.
  --port <n>              port for VS Code (default ${DEFAULT_PORT}, or a free one if ${DEFAULT_PORT} is taken)
  --emulator-port <n>     port for the VOD emulator on 127.0.0.1 (default: a free one)
  --no-package            use the VSIX already in dist/ instead of running "npm run -s package"
  --quiet                 do not print the emulator's request log
  -h, --help              this text
`;

interface Options {
  host: string;
  port: number | undefined;
  emulatorPort: number;
  packageFirst: boolean;
  quiet: boolean;
}

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parsePort(value: string | undefined, what: string, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535) fail(`${what} must be a port number (${allowZero ? 0 : 1}-65535), got "${value}"`);
  return n;
}

function readOptions(): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string' },
        'emulator-port': { type: 'string' },
        'no-package': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    fail(errorMessage(err));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const host = String(values.host).trim();
  if (!host || (net.isIP(host) === 0 && host !== 'localhost')) fail(`--host must be an IP address (or localhost), got "${host}"`);
  return {
    host,
    port: parsePort(values.port as string | undefined, '--port', false),
    emulatorPort: parsePort(values['emulator-port'] as string | undefined, '--emulator-port', true) ?? 0,
    packageFirst: !values['no-package'],
    quiet: values.quiet === true,
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Resolves true when `host:port` can be listened on right now. */
function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Addresses a person can type for a wildcard bind. */
function reachableAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host.includes(':') ? `[${host}]` : host];
  const found: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') found.push(a.address);
      else if (host === '::' && !a.address.startsWith('fe80')) found.push(`[${a.address}]`);
    }
  }
  return found.length ? found : ['<this machine>'];
}

function banner(lines: string[], char = '!'): string {
  const width = Math.min(100, Math.max(...lines.map((l) => l.length)) + 4);
  const rule = char.repeat(width);
  return [rule, ...lines.map((l) => `${char} ${l}`), rule].join('\n');
}

async function main(): Promise<void> {
  const options = readOptions();
  handleSignalsEarly();
  const started = Date.now();
  const say = (line: string) => process.stdout.write(`${line}\n`);

  checkPrerequisites({ browser: false });
  if (!isCodeServerInstalled()) {
    say(
      `First use: installing code-server ${CODE_SERVER_VERSION} (VS Code 1.139.1 for the browser) and Node 24 from the npm\n` +
        `registry into ${cacheDir()} (about 90 s and 800 MB, only once; progress below).`,
    );
  }
  await ensureCodeServer();

  // Ports first: fail before the slow steps if the asked-for one is taken.
  const loopback = isLoopback(options.host);
  const listenHost = options.host;
  let port = options.port ?? DEFAULT_PORT;
  if (!(await canListen(listenHost, port))) {
    if (options.port !== undefined) fail(`${options.host}:${port} is already in use (or not an address of this machine)`);
    port = await freePort();
    say(`Port ${DEFAULT_PORT} is taken: using ${port}.`);
  }

  let vsix = path.join(REPO_ROOT, 'dist', `vod-lookup-${(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version}.vsix`);
  if (options.packageFirst) {
    say('Packaging the extension (npm run -s package)...');
    const result = await packageExtension();
    vsix = result.vsix;
    say(`  ${path.relative(REPO_ROOT, vsix)} in ${(result.ms / 1000).toFixed(1)} s`);
  } else if (!fs.existsSync(vsix)) {
    fail(`--no-package: ${path.relative(REPO_ROOT, vsix)} does not exist; run "npm run -s package" first`);
  }

  const tmp = makeTempDir('vod-sandbox-');
  removeOnExit(tmp);
  const extensionsDir = path.join(tmp, 'extensions');
  await installVsix(vsix, extensionsDir, path.join(tmp, 'install-user-data'));
  say(`Installed ${path.basename(vsix)} into code-server.`);

  const emulator = await startEmulator({
    port: options.emulatorPort,
    log: options.quiet ? undefined : (line) => process.stdout.write(`  emulator: ${line}\n`),
  });

  const home = path.join(tmp, 'home');
  fs.mkdirSync(home, { recursive: true });
  const server = await startCodeServer({
    workspace: WORKSPACE,
    userDataDir: path.join(tmp, 'user-data'),
    extensionsDir,
    serverLogFile: path.join(tmp, 'code-server.log'),
    port,
    host: options.host,
    trustWorkspace: true,
    // A workbench for people: notifications as toasts, dialogs as dialogs.
    smokeTestDriver: false,
    settings: {
      'vodLookup.endpoint': emulator.url,
      'vodLookup.region': 'cn-shanghai',
      'vodLookup.fallbackRegions': FALLBACK_REGIONS,
      'workbench.startupEditor': 'readme',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'chat.commandCenter.enabled': false,
      // The sandbox folder lives inside the extension's repository: keep its changes out of the way.
      'git.enabled': false,
    },
    // A HOME of its own, and the emulator's key in the environment: the person's own Alibaba Cloud
    // configuration (~/.aliyun, ~/.alibabacloud, ALIBABA_CLOUD_PROFILE) plays no part.
    env: {
      HOME: home,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY_SECRET,
      ALIBABA_CLOUD_SECURITY_TOKEN: '',
      ALIBABA_CLOUD_PROFILE: '',
      ALIBABA_CLOUD_CREDENTIALS_FILE: '',
    },
  });

  const folder = `?folder=${encodeURIComponent(WORKSPACE)}`;
  const urls = reachableAddresses(options.host === 'localhost' ? '127.0.0.1' : options.host).map((a) => `http://${a}:${port}/${folder}`);
  say('');
  say(`VOD Lookup sandbox ready in ${elapsed(started)}. Open in your browser:`);
  say('');
  for (const url of urls) say(`    ${url}`);
  say('');
  say(`  VOD emulator   ${emulator.url}  (AccessKey ${DEFAULT_ACCESS_KEY_ID}, given to VS Code through the environment)`);
  say(`  Workspace      ${path.relative(process.cwd(), WORKSPACE) || WORKSPACE} (its README.md lists what to try)`);
  say(`  Logs           ${server.logsDir} (extension: exthost*/${EXTENSION_ID}/), ${path.join(tmp, 'code-server.log')}`);
  say(
    `  CLI            ALIBABA_CLOUD_ACCESS_KEY_ID=${DEFAULT_ACCESS_KEY_ID} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${DEFAULT_ACCESS_KEY_SECRET} \\\n` +
      `                   node ${path.relative(process.cwd(), path.join(REPO_ROOT, 'dist', 'cli.js')) || 'dist/cli.js'} info ${EXAMPLE_VIDEO_ID} --endpoint ${emulator.url}`,
  );
  say('');
  if (loopback) {
    say(
      `WARNING: code-server runs with --auth none: there is NO PASSWORD. Every user and program on this\n` +
        `machine that can reach ${options.host}:${port} gets this VS Code, with a terminal running as ${os.userInfo().username}.`,
    );
  } else {
    say(
      banner([
        `WARNING: VS Code is listening on ${options.host}:${port} WITHOUT A PASSWORD (--auth none).`,
        `Anyone who can reach this address gets a VS Code with a terminal running as "${os.userInfo().username}"`,
        `on this machine: they can read and change your files and run any command.`,
        `Use this only on a network you trust. Safer: keep the default --host 127.0.0.1 and use an SSH tunnel`,
        `(ssh -L ${port}:127.0.0.1:${port} <this machine>).`,
      ]),
    );
  }
  say('');
  say('Press Ctrl-C to stop; everything the sandbox made is deleted.');
  say('');

  // Tell when the extension has started in the first browser that connects.
  const activation = setInterval(() => {
    const ms = findActivationMs(server.logsDir, EXTENSION_ID);
    if (ms !== undefined) {
      clearInterval(activation);
      say(`Extension activated in the browser's VS Code (activate() took ${ms.toFixed(2)} ms).`);
    }
  }, 500);
  activation.unref();

  process.on('exit', () => {
    if (signalReceived()) process.stdout.write('Sandbox stopped; its temporary folder is deleted.\n');
  });
  const code = await server.exited;
  clearInterval(activation);
  await emulator.close();
  // Ctrl-C: the runner library's handler stopped code-server and ends the process.
  if (signalReceived()) return;
  process.stderr.write(`sandbox: code-server exited (code ${code}). Its log: ${path.join(tmp, 'code-server.log')}\n`);
  process.stderr.write(`${tail(path.join(tmp, 'code-server.log'), 20)}\n`);
  process.exitCode = 1;
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox: ${errorMessage(err)}\n`);
  process.exitCode = 1;
});
