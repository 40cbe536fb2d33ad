/**
 * Command line for runTestsInCodeServer():
 *   npx tsx test/runner/run.ts --tests <compiled test entry .js> --workspace <folder>
 *       [--extension <folder, default: the repo>] [--settings <file.json | inline JSON>]
 *       [--env NAME=VALUE]... [--no-trust] [--timeout <ms>] [--grep <regexp>] [--keep]
 * Exits with the run's exit code (0 passed, 1 tests failed, 124 timeout, 125 could not run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_INFRA, REPO_ROOT, runTestsInCodeServer, type RunTestsOptions } from './codeServer';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npx tsx test/runner/run.ts --tests <entry.js> --workspace <folder> [--extension <folder>] [--settings <file|json>] [--env NAME=VALUE]... [--no-trust] [--timeout <ms>] [--grep <re>] [--keep]\n`);
  process.exit(2);
}

function parseSettings(value: string): object {
  const text = value.trim().startsWith('{') ? value : fs.readFileSync(value, 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) usage('--settings must be a JSON object');
  return parsed;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tests: { type: 'string' },
      workspace: { type: 'string' },
      extension: { type: 'string' },
      settings: { type: 'string' },
      env: { type: 'string', multiple: true },
      'no-trust': { type: 'boolean' },
      timeout: { type: 'string' },
      grep: { type: 'string' },
      keep: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.tests) usage('--tests is required');
  if (!values.workspace) usage('--workspace is required');
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) usage(`--env expects NAME=VALUE, got '${pair}'`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const options: RunTestsOptions = {
    extensionDevelopmentPath: path.resolve(values.extension ?? REPO_ROOT),
    extensionTestsPath: path.resolve(values.tests),
    workspace: path.resolve(values.workspace),
    env,
    trustWorkspace: !values['no-trust'],
    keepRunDir: values.keep === true,
  };
  if (values.settings) options.settings = parseSettings(values.settings);
  if (values.timeout) options.timeoutMs = Number(values.timeout);
  if (values.grep) options.grep = values.grep;
  const result = await runTestsInCodeServer(options);
  return result.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT_INFRA;
  },
);
