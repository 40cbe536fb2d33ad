/**
 * Installs (once) the real VS Code used by the integration tests: code-server@4.139.1 and Node 24 into
 * `<repo>/.vscode-test/`. Usage: `npx tsx test/runner/install.ts`. Idempotent; prints the paths.
 */
import { checkPrerequisites, ensureCodeServer } from './codeServer';

async function main(): Promise<void> {
  checkPrerequisites();
  const started = Date.now();
  const install = await ensureCodeServer();
  process.stdout.write(
    `code-server ${install.codeServerVersion} with Node ${install.nodeVersion} ready (${((Date.now() - started) / 1000).toFixed(1)} s)\n` +
      `  node:  ${install.node}\n  entry: ${install.entry}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
