import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE } from '../../emulator/fixtures';
import { type Context, hoverText, positionOf, setup } from '../helpers';

// Runs with the folder test/integration/workspace-untrusted opened WITHOUT trust. Its
// .vscode/settings.json tries to redirect signed requests (endpoint, region, fallback regions, profile).
describe('untrusted workspace (restricted mode)', function () {
  let ctx: Context;
  before(async () => {
    ctx = await setup();
  });

  it('the workspace is not trusted and the extension is active', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(ctx.api.services);
  });

  it("the workspace's own endpoint, region, fallbackRegions and profile are ignored", () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const own = JSON.parse(readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(own['vodLookup.endpoint'], 'http://127.0.0.1:1', 'the workspace does try');
    // In restricted mode VS Code hides the workspace's values of restrictedConfigurations altogether.
    assert.equal(vscode.workspace.getConfiguration('vodLookup').inspect('endpoint')?.workspaceValue, undefined);
    const s = ctx.api.services.settings;
    assert.equal(s.endpoint, ctx.emulator.url);
    assert.equal(s.region, 'cn-shanghai');
    assert.deepEqual(s.fallbackRegions, []);
    assert.equal(s.profile, undefined);
  });

  it('hovers still work, against the user-level endpoint', async () => {
    ctx.emulator.reset();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'videos.ts'));
    const text = await hoverText(doc.uri, positionOf(doc, EXAMPLE_VIDEO_ID));
    assert.ok(text.includes(EXAMPLE_VIDEO_TITLE), text);
    assert.equal(ctx.emulator.stats().requests, 1);
  });
});
