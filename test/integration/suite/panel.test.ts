import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PanelState } from '../../../src/protocol';
import { EXAMPLE_VIDEO_ID, HOSTILE_ID, LARGE_COVER_ID, NORMAL_ID, TRANSCODING_ID } from '../../emulator/fixtures';
import { waitFor, suiteContext } from '../helpers';

describe('video panel', function () {
  const ctx = suiteContext();

  it('shows every field, the snapshots and the cover as data: URIs, and is reused for the next video', async () => {
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', EXAMPLE_VIDEO_ID);
    assert.ok(state.kind === 'found');
    const v = state.video;
    const labels = v.fields.map((f) => f.label);
    for (const key of ['VideoId', 'AppId', 'RegionId', 'StorageLocation', 'StorageClass', 'TemplateGroupId', 'ReferenceId', 'DownloadSwitch', 'UserData', 'CoverURL'])
      assert.ok(labels.includes(key), `missing field ${key}`);
    assert.match(v.cover ?? '', /^data:image\/png;base64,/);
    assert.ok(v.snapshots.length > 0 && v.snapshots.every((s) => s?.startsWith('data:image/')));
    assert.equal(v.statusTone, 'ok');
    assert.equal(v.statusIcon, 'pass');
    const tabsBefore = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length;
    const next = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', NORMAL_ID);
    assert.ok(next.kind === 'found' && next.videoId === NORMAL_ID);
    const tabsAfter = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length;
    assert.equal(tabsAfter, tabsBefore, 'one reusable panel');
  });

  it('caps image size: a 3 MB cover is not inlined', async () => {
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', LARGE_COVER_ID);
    assert.ok(state.kind === 'found');
    assert.equal(state.video.cover, undefined);
  });

  it('carries hostile strings as plain data (the webview renders them with textContent)', async () => {
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', HOSTILE_ID);
    assert.ok(state.kind === 'found');
    assert.match(state.video.title, /</, 'the title is passed on verbatim, to be shown literally');
  });

  it('is restored after a window reload by its serializer, from the persisted id', async () => {
    // What VS Code does on reload: a new panel of our view type, handed to the serializer with the state
    // the webview saved (setState({ videoId })).
    const panel = vscode.window.createWebviewPanel('vodLookup.videoPanel', 'restored', vscode.ViewColumn.One);
    await ctx().api.serializer.deserializeWebviewPanel(panel, { videoId: NORMAL_ID });
    const state = await waitFor(() => {
      const s = ctx().api.panelState();
      return s?.kind === 'found' ? s : undefined;
    }, 'the restored panel to load');
    assert.equal(state.videoId, NORMAL_ID);
    assert.equal(panel.webview.options.enableScripts, true);
    assert.deepEqual(panel.webview.options.localResourceRoots?.map((u) => u.path.split('/').slice(-1)[0]), ['media']);
    assert.match(panel.webview.html, /default-src 'none'/);
    assert.match(panel.webview.html, /script-src 'nonce-[A-Za-z0-9_-]{16,}'/);
    assert.ok(!/unsafe-(inline|eval)/.test(panel.webview.html));
    await ctx().api.serializer.deserializeWebviewPanel(vscode.window.createWebviewPanel('vodLookup.videoPanel', 'bad', vscode.ViewColumn.One), { videoId: '<script>' });
    assert.equal(ctx().api.panelState()?.kind, 'empty', 'a persisted state that is not an id is not looked up');
  });

  it('refreshes itself while a video is transcoding, until its status settles', async function () {
    this.timeout(30_000);
    const state = await vscode.commands.executeCommand<PanelState>('vodLookup.showVideoInfo', TRANSCODING_ID);
    assert.ok(state.kind === 'found' && state.video.autoRefreshSeconds === 5);
    const before = ctx().emulator.stats().requests;
    ctx().emulator.upsertVideo({
      regionId: 'cn-shanghai',
      video: { VideoId: TRANSCODING_ID, Title: 'Now ready', Status: 'Normal', AuditStatus: 'Normal', Duration: 12.5 },
    });
    const settled = await waitFor(
      () => {
        const s = ctx().api.panelState();
        return s?.kind === 'found' && s.video.status === 'Normal' ? s : undefined;
      },
      'the panel to refresh to Normal',
      15_000,
    );
    assert.ok(settled.kind === 'found' && settled.video.autoRefreshSeconds === undefined);
    // At least one refresh; on a loaded machine a second paced one may already be under way.
    assert.ok(ctx().emulator.stats().requests > before, 'the panel refreshed itself');
  });
});
