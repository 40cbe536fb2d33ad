import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PanelState } from '../../../src/protocol';
import { DEFAULT_ACCESS_KEY_ID, FORBIDDEN_CREDENTIAL } from '../../emulator/credentials';
import { BEIJING_ID, EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE, FRANKFURT_ID, NONEXISTENT_ID, NORMAL_ID } from '../../emulator/fixtures';
import { EXTENSION_ID, KEY, configure, openText, waitFor, suiteContext } from '../helpers';


describe('commands', function () {
  const ctx = suiteContext();

  it('every contributed command is registered', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    assert.ok(manifest.contributes.commands.length >= 10);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) assert.ok(all.has(command), command);
  });

  it('Show Video Info with an id (the hover link) opens the panel with the video', async () => {
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', EXAMPLE_VIDEO_ID);
    assert.equal(state.kind, 'found');
    assert.ok(state.kind === 'found' && state.video.title === EXAMPLE_VIDEO_TITLE);
    assert.equal(ctx().api.panelState()?.kind, 'found');
  });

  it('Show Video Info takes the selection, else the id at the cursor', async () => {
    const editor = await openText(`a = '${NORMAL_ID}'\nb = '${EXAMPLE_VIDEO_ID}'\n`);
    const line1 = editor.document.lineAt(1).text;
    const start = line1.indexOf(EXAMPLE_VIDEO_ID);
    editor.selection = new vscode.Selection(1, start, 1, start + 32);
    let state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo');
    assert.ok(state.kind === 'found' && state.videoId === EXAMPLE_VIDEO_ID);
    const again = await vscode.window.showTextDocument(editor.document);
    again.selection = new vscode.Selection(0, 8, 0, 8);
    state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo');
    assert.ok(state.kind === 'found' && state.videoId === NORMAL_ID);
  });

  it('Show Video Info refuses a malformed id without a request', async () => {
    const state = await vscode.commands.executeCommand<PanelState | undefined>('vodLookup.showVideoInfo', 'NOT-AN-ID');
    assert.equal(state, undefined);
    assert.equal(ctx().emulator.stats().requests, 0);
  });

  it('Search All Regions finds a video stored elsewhere', async () => {
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.searchAllRegions', FRANKFURT_ID);
    assert.ok(state.kind === 'found' && state.video.region === 'eu-central-1', JSON.stringify(state).slice(0, 300));
  });

  it('a not-found video puts the panel in its not-found state', async () => {
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', NONEXISTENT_ID);
    assert.equal(state.kind, 'notFound');
    assert.ok(state.kind === 'notFound' && /cn-shanghai/.test(state.message));
  });

  it('an API error puts the panel in its error state with the hint and RequestId', async () => {
    ctx().emulator.setFault({ type: 'html', status: 502 });
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', NORMAL_ID);
    assert.equal(state.kind, 'error');
    assert.ok(state.kind === 'error' && /not JSON \(HTTP 502/.test(state.message), JSON.stringify(state));
  });

  it('Test Connection: success, then the hint of a failure', async () => {
    const ok = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('vodLookup.testConnection');
    assert.ok(ok.ok, ok.message);
    assert.equal(ctx().emulator.stats().requests, 1, 'one signed probe');
    assert.match(ok.message, /Connected to ApsaraVideo VOD in cn-shanghai with LTAI\*\*\*\*0001 from VS Code secret storage/);
    assert.ok(!ok.message.includes(KEY.accessKeySecret));
    await vscode.commands.executeCommand('vodLookup.setCredentials', { accessKeyId: FORBIDDEN_CREDENTIAL.accessKeyId, accessKeySecret: FORBIDDEN_CREDENTIAL.accessKeySecret });
    try {
      const bad = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('vodLookup.testConnection');
      assert.equal(bad.ok, false);
      assert.match(bad.message, /vod:GetVideoInfo and vod:GetVideoInfos/);
      assert.ok(!bad.message.includes(FORBIDDEN_CREDENTIAL.accessKeySecret));
    } finally {
      await vscode.commands.executeCommand('vodLookup.setCredentials', KEY);
    }
  });

  it('Set AccessKey stores in SecretStorage; Clear AccessKey removes it', async () => {
    await vscode.commands.executeCommand('vodLookup.clearCredentials');
    assert.equal(await ctx().api.services.accessKeys.get(), undefined);
    await vscode.commands.executeCommand('vodLookup.setCredentials', KEY);
    assert.deepEqual(await ctx().api.services.accessKeys.get(), KEY);
    const inSettings = JSON.stringify(vscode.workspace.getConfiguration('vodLookup'));
    assert.ok(!inSettings.includes(KEY.accessKeySecret), 'the secret is never in settings');
    await waitFor(() => ctx().api.statusBar.tooltip.includes('LTAI****0001') || undefined, 'the status bar to show the key source');
  });

  it('Select Region updates the setting and the status bar, and lookups follow', async () => {
    try {
      await vscode.commands.executeCommand('vodLookup.selectRegion', 'cn-beijing');
      assert.equal(vscode.workspace.getConfiguration('vodLookup').get('region'), 'cn-beijing');
      await waitFor(() => ctx().api.statusBar.text.includes('cn-beijing') || undefined, 'the status bar region');
      const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', BEIJING_ID);
      assert.equal(state.kind, 'found', JSON.stringify(state));
      const refused = await vscode.commands.executeCommand('vodLookup.selectRegion', 'cn-beijing&Action=x');
      assert.equal(refused, undefined);
      assert.equal(vscode.workspace.getConfiguration('vodLookup').get('region'), 'cn-beijing');
    } finally {
      await configure({ region: 'cn-shanghai' });
    }
  });

  it('Select Credential Profile sets the profile; a stored AccessKey still wins', async () => {
    try {
      await vscode.commands.executeCommand('vodLookup.selectProfile', 'no-such-profile');
      assert.equal(vscode.workspace.getConfiguration('vodLookup').get('profile'), 'no-such-profile');
      const c = await ctx().api.services.credentials();
      assert.equal(c.accessKeyId, DEFAULT_ACCESS_KEY_ID);
      await vscode.commands.executeCommand('vodLookup.clearCredentials');
      await assert.rejects(ctx().api.services.credentials(), /no-such-profile/);
    } finally {
      await configure({ profile: '' });
      await vscode.commands.executeCommand('vodLookup.setCredentials', KEY);
    }
  });

  it('Copy Video Id puts the id on the clipboard', async () => {
    await vscode.commands.executeCommand('vodLookup.copyVideoId', NORMAL_ID);
    assert.equal(await vscode.env.clipboard.readText(), NORMAL_ID);
  });

  it('Show Log and the status bar actions are registered and Show Log runs', async () => {
    await vscode.commands.executeCommand('vodLookup.showLog');
    assert.match(ctx().api.statusBar.text, /VOD cn-shanghai/);
  });
});
