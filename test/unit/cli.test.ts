import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { type IncomingMessage, createServer } from 'node:http';
import { type AddressInfo, type Socket, connect } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, type Emulator, startEmulator } from '../emulator/server';
import { BEIJING_ID, BLOCKED_ID, EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE, HOSTILE_ID, NONEXISTENT_ID, TRANSCODING_ID } from '../emulator/fixtures';

// The built CLI (dist/cli.js), run as a user would, against the emulator. `npm test` builds first.
const CLI = path.resolve(__dirname, '../../dist/cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const home = mkdtempSync(path.join(tmpdir(), 'vod-cli-home-'));
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: cwd ?? process.cwd(),
      // A clean HOME so the developer's own credential files never leak into a test.
      env: { PATH: process.env.PATH, HOME: home, LANG: 'en_US.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

describe('vod-lookup CLI (dist/cli.js)', function () {
  let emulator: Emulator;
  let keys: Record<string, string>;
  let work: string;

  before(async function () {
    if (!existsSync(CLI)) this.skip(); // `npm test` always builds; a bare `mocha` run may not have.
    emulator = await startEmulator();
    keys = { ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY_SECRET };
    work = mkdtempSync(path.join(tmpdir(), 'vod-cli-scan-'));
    mkdirSync(path.join(work, 'src'));
    mkdirSync(path.join(work, 'node_modules/pkg'), { recursive: true });
    mkdirSync(path.join(work, 'build'));
    writeFileSync(path.join(work, '.gitignore'), 'build/\n');
    writeFileSync(path.join(work, 'src/app.ts'), `const a = '${EXAMPLE_VIDEO_ID}';\n// 视频 '${BLOCKED_ID}'\nconst b = "${NONEXISTENT_ID}"; // vod-lookup-ignore\nconst c = '${TRANSCODING_ID}';\n`);
    writeFileSync(path.join(work, 'src/notes.md'), `md5: ${'a'.repeat(33)}\n${'A'.repeat(32)}\n`);
    writeFileSync(path.join(work, 'node_modules/pkg/index.js'), `'${NONEXISTENT_ID}'`);
    writeFileSync(path.join(work, 'build/out.js'), `'${NONEXISTENT_ID}'`);
    writeFileSync(path.join(work, 'src/blob.bin'), Buffer.concat([Buffer.from(NONEXISTENT_ID), Buffer.from([0, 1, 2])]));
  });
  after(async () => {
    await emulator?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => emulator?.reset());

  it('info shows the example video (the README command)', async () => {
    const r = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url], keys);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${EXAMPLE_VIDEO_ID}  ${EXAMPLE_VIDEO_TITLE}`));
    assert.match(r.stdout, /Status\s+Normal \(audit: Normal\)/);
    assert.match(r.stdout, /Duration\s+2:15\.6/);
    assert.match(r.stdout, /Tags\s+Tag 1, Tag 2/);
  });

  it('info --json prints the normalized VideoInfo; --signature v1 works too', async () => {
    const r = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url, '--json', '--signature', 'v1'], keys);
    assert.equal(r.code, 0, r.stderr);
    const v = JSON.parse(r.stdout) as { videoId: string; size: number; tags: string[] };
    assert.equal(v.videoId, EXAMPLE_VIDEO_ID);
    assert.equal(v.size, 10897890);
    assert.equal(emulator.stats().log[0]?.signatureVersion, 'v1');
  });

  it('info: not found is exit 1 with the region hint; --region finds it', async () => {
    const r = await run(['info', BEIJING_ID, '--endpoint', emulator.url], keys);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /region cn-shanghai.*try cn-beijing/);
    const ok = await run(['info', BEIJING_ID, '--endpoint', emulator.url, '--region', 'cn-beijing'], keys);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('info strips terminal escapes and keeps hostile text on one line', async () => {
    const r = await run(['info', HOSTILE_ID, '--endpoint', emulator.url], keys);
    assert.equal(r.code, 0, r.stderr);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/.test(r.stdout));
  });

  it('exit 2: usage errors, a malformed id, missing credentials (listing where it looked)', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
    const bad = await run(['info', 'XYZ', '--endpoint', emulator.url], keys);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a VideoId/);
    const none = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No Alibaba Cloud credentials found\. Looked in: .*ALIBABA_CLOUD_ACCESS_KEY_ID.*config\.json.*credentials/);
    assert.ok(!none.stderr.includes('    at '), 'no stack trace');
  });

  it('exit 2: a wrong secret, without echoing it', async () => {
    const r = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url], { ...keys, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret-0000' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /SignatureDoesNotMatch/);
    assert.ok(!r.stderr.includes('not-the-secret-0000'));
  });

  it('exit 3: the API keeps failing; an outage is never reported as a dead id', async () => {
    emulator.setFault({ type: 'status', status: 503 });
    const r = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url], keys);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /HTTP 503/);
    const scan = await run(['scan', 'src', '--check', '--endpoint', emulator.url], keys, work);
    assert.equal(scan.code, 3);
    assert.ok(!/ not-found /.test(scan.stdout));
  });

  it('exit 3: a proxy HTML page, and an unreachable endpoint', async () => {
    emulator.setFault({ type: 'html', status: 502 });
    const r = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url], keys);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /not JSON \(HTTP 502/);
    const down = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', 'http://127.0.0.1:9'], keys);
    assert.equal(down.code, 3);
    assert.match(down.stderr, /Could not reach http:\/\/127\.0\.0\.1:9/);
  });

  it('scan lists ids as file:line:col, skipping ignored lines, node_modules, .gitignore and binaries', async () => {
    const r = await run(['scan', '.'], {}, work);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [`src/app.ts:1:12 ${EXAMPLE_VIDEO_ID}`, `src/app.ts:2:8 ${BLOCKED_ID}`, `src/app.ts:4:12 ${TRANSCODING_ID}`]);
    const json = JSON.parse((await run(['scan', '.', '--json'], {}, work)).stdout) as unknown[];
    assert.equal(json.length, 3);
    const ignored = await run(['scan', '.', '--ignore', '*.ts'], {}, work);
    assert.equal(ignored.stdout.trim(), '');
  });

  it('scan --check: failed videos exit 1, Transcoding passes, one batch', async () => {
    const r = await run(['scan', 'src', '--check', '--endpoint', emulator.url], keys, work);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`${EXAMPLE_VIDEO_ID} ok Normal`));
    assert.match(r.stdout, new RegExp(`${BLOCKED_ID} failed Blocked, audit Blocked`));
    assert.match(r.stdout, new RegExp(`${TRANSCODING_ID} pending Transcoding`));
    assert.equal(emulator.stats().requests, 1, 'three ids, one GetVideoInfos');
  });

  it('scan of a missing path is a usage error', async () => {
    const r = await run(['scan', 'no/such/dir'], {}, work);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read/);
  });

  it('honours HTTP(S)_PROXY and NO_PROXY', async () => {
    // A minimal CONNECT proxy on loopback that counts the tunnels it opens.
    let tunnels = 0;
    const proxy = createServer();
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      tunnels++;
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const via = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url], { ...keys, HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl });
      assert.equal(via.code, 0, via.stderr);
      assert.equal(tunnels, 1, 'the request went through the proxy');
      const bypass = await run(['info', EXAMPLE_VIDEO_ID, '--endpoint', emulator.url], { ...keys, HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
      assert.equal(bypass.code, 0, bypass.stderr);
      assert.equal(tunnels, 1, 'NO_PROXY bypassed it');
    } finally {
      proxy.close();
    }
  });

  it('hints follow the locale (Simplified Chinese)', async () => {
    const r = await run(['info', BEIJING_ID, '--endpoint', emulator.url], { ...keys, LANG: 'zh_CN.UTF-8' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /地域 cn-shanghai 中没有此 ID 的视频/);
  });
});
