// The VOD emulator in a process of its own (test/emulator/main.ts under tsx), so the clients measured
// here and the server they call never share one event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { EmulatorStats, EmulatorVideo } from '../../test/emulator/server';
import { BUILD_DIR, REPO_ROOT, ensureBuildDir } from './paths';

export interface EmulatorProcess {
  /** "http://127.0.0.1:<port>" */
  url: string;
  port: number;
  verify: boolean;
  pid: number;
  stats(): Promise<EmulatorStats>;
  addVideo(entry: EmulatorVideo): Promise<void>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHook = false;

function killAllOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** A control-API call (GET /__emulator/stats, POST /__emulator/videos); its own agent-less request. */
function control(url: string, method: string, route: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${url}${route}`,
      { method, agent: false, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) return reject(new Error(`${method} ${route}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
          try {
            resolve(JSON.parse(text));
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Starts `node --import tsx test/emulator/main.ts --port 0 [--no-verify]` and waits for its one line. */
export async function spawnEmulator(options: { verify: boolean; label: string }): Promise<EmulatorProcess> {
  ensureBuildDir();
  killAllOnExit();
  const logFile = path.join(BUILD_DIR, `emulator-${options.label}.log`);
  const logFd = fs.openSync(logFile, 'w');
  const args = ['--import', 'tsx', path.join('test', 'emulator', 'main.ts'), '--port', '0', ...(options.verify ? [] : ['--no-verify'])];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', logFd] });
  fs.closeSync(logFd);
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => live.delete(child), () => undefined);

  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 30 s (log: ${logFile})`)), 30_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      seen += chunk;
      const match = /VOD emulator listening on (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with code ${code} before it listened (log: ${logFile})`));
    });
  });
  const port = Number(new URL(url).port);

  return {
    url,
    port,
    verify: options.verify,
    pid: child.pid ?? -1,
    stats: async () => (await control(url, 'GET', '/__emulator/stats')) as EmulatorStats,
    addVideo: async (entry) => {
      await control(url, 'POST', '/__emulator/videos', entry);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
