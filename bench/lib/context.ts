import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET } from '../../test/emulator/credentials';
import type { EmulatorProcess } from './emulator';

/** What every row gets from bench/run.ts. */
export interface BenchContext {
  /** --quick: fewer repetitions, for a smoke test; the figures are rougher. */
  quick: boolean;
  /** --vscode=false skips the activation runs inside VS Code (row 6). */
  vscode: boolean;
  /** The emulator process that verifies signatures (started on first use, shared by rows 1, 2 and 5). */
  signedEmulator(): Promise<EmulatorProcess>;
  /** A second emulator process with verify: false: the unsigned floor of row 2. */
  floorEmulator(): Promise<EmulatorProcess>;
}

/** The emulator's default pair (full access). */
export const CREDENTIALS = { accessKeyId: DEFAULT_ACCESS_KEY_ID, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET };
