// CLI: npm run -s emulator -- --port <port> [--access-key-id <id> --access-key-secret <secret>
//   [--security-token <token>]] [--data <file>] [--no-verify] [--batch-shape wrapped|plain]
// Prints exactly one line on stdout when ready; request logs go to stderr.
import { parseArgs } from 'node:util';
import { type EmulatorCredential, type EmulatorOptions, startEmulator } from './server';

const USAGE =
  'usage: npm run -s emulator -- [--port <port>] [--access-key-id <id> --access-key-secret <secret> [--security-token <token>]]\n' +
  '                              [--data <file>] [--no-verify] [--batch-shape wrapped|plain]\n';

function fail(message: string): never {
  process.stderr.write(`vod-emulator: ${message}\n${USAGE}`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        'access-key-id': { type: 'string' },
        'access-key-secret': { type: 'string' },
        'security-token': { type: 'string' },
        data: { type: 'string' },
        'no-verify': { type: 'boolean', default: false },
        'batch-shape': { type: 'string', default: 'wrapped' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function parseOptions(): EmulatorOptions {
  const values = readArgs();
  if (values.help) {
    process.stderr.write(USAGE);
    process.exit(0);
  }

  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${values.port}`);

  const id = values['access-key-id'];
  const secret = values['access-key-secret'];
  if ((id === undefined) !== (secret === undefined)) fail('--access-key-id and --access-key-secret go together');
  const credentials: EmulatorCredential[] = [];
  if (id !== undefined && secret !== undefined) {
    credentials.push({ accessKeyId: id, accessKeySecret: secret, securityToken: values['security-token'], behaviour: 'ok' });
  } else if (values['security-token'] !== undefined) {
    fail('--security-token needs --access-key-id and --access-key-secret');
  }

  const batchShape = values['batch-shape'];
  if (batchShape !== 'wrapped' && batchShape !== 'plain') fail(`--batch-shape must be wrapped or plain, got ${batchShape}`);

  return {
    port,
    credentials,
    dataFile: values.data,
    verify: !values['no-verify'],
    batchShape,
    log: (line) => process.stderr.write(`[vod-emulator] ${line}\n`),
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseOptions());
  process.stdout.write(`VOD emulator listening on ${emulator.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`vod-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
