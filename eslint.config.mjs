// Lint: typescript-eslint's recommended type-aware rules, no `any` in src/, and no `vscode` import in
// the domain (src/vod/), which must run under plain Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'media/', '.vscode-test/', 'node_modules/', 'bench/.build/', 'test-results/', '**/*.mjs', 'esbuild.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/vod/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/vod/ and the CLI run without VS Code.' }] }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The cold-start benchmark measures `require()` of each client on purpose.
    files: ['bench/cold/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
