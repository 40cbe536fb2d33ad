import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { BEIJING_ID, EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE, HOSTILE_ID, NONEXISTENT_ID, NORMAL_ID, TEMPLATE_GROUP_ID } from '../../emulator/fixtures';
import { KEY, configure, hoverText, openText, positionOf, sleep, suiteContext } from '../helpers';

describe('hover', function () {
  const ctx = suiteContext();

  it('shows title, status, duration, size, thumbnail and the two links for a found video', async () => {
    const editor = await openText(`const intro = '${EXAMPLE_VIDEO_ID}';\n`);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, EXAMPLE_VIDEO_ID));
    assert.ok(text.includes(EXAMPLE_VIDEO_TITLE), text);
    assert.match(text, /\$\(pass\)/, 'a status icon, not colour alone');
    assert.match(text, /Status: Normal/);
    assert.match(text, /Review: Normal/);
    assert.match(text, /Duration: 2:15\.6/);
    assert.match(text, /Size: 10\.4 MB/);
    assert.match(text, /Tags: Tag 1, Tag 2/);
    assert.match(text, /!\[thumbnail\]\(data:image\/png;base64,[A-Za-z0-9+/=]+\|width=192\)/, 'the thumbnail as a data: URI');
    assert.ok(text.includes(`command:vodLookup.showVideoInfo?${encodeURIComponent(JSON.stringify([EXAMPLE_VIDEO_ID]))}`));
    assert.ok(text.includes('command:vodLookup.copyVideoId?'));
    assert.equal(ctx().emulator.stats().requests, 1);
  });

  it('works in any language and in untitled buffers, and not on look-alikes', async () => {
    const editor = await openText(`# notes\nid: ${NORMAL_ID}\nmd5: ${TEMPLATE_GROUP_ID}0\n`, 'markdown');
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.match(await hoverText(editor.document.uri, positionOf(editor.document, NORMAL_ID)), /Status: Normal/);
    assert.equal(await hoverText(editor.document.uri, positionOf(editor.document, TEMPLATE_GROUP_ID)), '', 'a 33-char hex run is not an id');
  });

  it('escapes hostile titles and descriptions: no HTML, no foreign command links', async () => {
    const editor = await openText(`x = "${HOSTILE_ID}"\n`, 'python');
    const raw = await hoverText(editor.document.uri, positionOf(editor.document, HOSTILE_ID), true);
    const shown = await hoverText(editor.document.uri, positionOf(editor.document, HOSTILE_ID));
    assert.match(shown, /<img src=x onerror=alert\(1\)>|<script/, 'the hostile title is shown literally');
    const links = [...raw.matchAll(/\]\((command:[^?)]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(links)].sort(), ['command:vodLookup.copyVideoId', 'command:vodLookup.showVideoInfo']);
    assert.ok(!/<[a-z]/i.test(raw), 'no HTML tag reaches the Markdown source');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, HOSTILE_ID));
    const md = hovers[0]?.contents[0] as vscode.MarkdownString;
    assert.deepEqual(md.isTrusted, { enabledCommands: ['vodLookup.showVideoInfo', 'vodLookup.copyVideoId', 'vodLookup.setCredentials', 'vodLookup.searchAllRegions'] });
    assert.equal(md.supportHtml, false);
  });

  it('not found: one quiet line naming the regions checked', async () => {
    const editor = await openText(`'${NONEXISTENT_ID}'`);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, NONEXISTENT_ID));
    assert.match(text, new RegExp(`No video ${NONEXISTENT_ID} in cn-shanghai\\.`));
    assert.ok(text.includes('command:vodLookup.searchAllRegions'));
    assert.equal(text.split('\n').filter((l) => l.trim()).length, 1);
  });

  it('an API error shows its hint', async () => {
    ctx().emulator.setFault({ type: 'status', status: 500 }, { videoId: BEIJING_ID });
    const editor = await openText(`'${BEIJING_ID}'`);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, BEIJING_ID));
    assert.match(text, /\$\(warning\)/);
    assert.match(text, /The VOD service failed \(HTTP 500\)/);
    assert.match(text, /InternalError/);
  });

  it('no credentials: one line with a link to set them', async () => {
    await vscode.commands.executeCommand('vodLookup.clearCredentials');
    try {
      const editor = await openText(`'${NORMAL_ID}'`);
      const text = await hoverText(editor.document.uri, positionOf(editor.document, NORMAL_ID));
      assert.match(text, /has no credentials/);
      assert.ok(text.includes('command:vodLookup.setCredentials'));
      assert.equal(ctx().emulator.stats().requests, 0, 'no request without credentials');
    } finally {
      await vscode.commands.executeCommand('vodLookup.setCredentials', KEY);
    }
  });

  it('given a cancelled token, the provider returns nothing and sends nothing', async () => {
    const editor = await openText(`'${NORMAL_ID}'`);
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    const hover = await ctx().api.hover.provider.provideHover(editor.document, positionOf(editor.document, NORMAL_ID), source.token);
    assert.equal(hover, undefined);
    await sleep(50);
    assert.equal(ctx().emulator.stats().requests, 0);
  });

  it('an abandoned hover abandons its lookup at once, and other hovers are not blocked', async () => {
    ctx().emulator.setFault({ type: 'hang' }, { videoId: BEIJING_ID });
    const editor = await openText(`'${BEIJING_ID}' '${EXAMPLE_VIDEO_ID}'`);
    const source = new vscode.CancellationTokenSource();
    const started = Date.now();
    const pending = ctx().api.hover.provider.provideHover(editor.document, positionOf(editor.document, BEIJING_ID), source.token);
    const other = await hoverText(editor.document.uri, positionOf(editor.document, EXAMPLE_VIDEO_ID));
    assert.ok(other.includes(EXAMPLE_VIDEO_TITLE), 'another hover answered while the first hangs');
    source.cancel();
    assert.equal(await pending, undefined);
    assert.ok(Date.now() - started < 5000);
  });

  it('respects vod-lookup-ignore', async () => {
    const editor = await openText(`const a = '${NORMAL_ID}'; // vod-lookup-ignore\n`);
    assert.equal(await hoverText(editor.document.uri, positionOf(editor.document, NORMAL_ID)), '');
  });

  it('hover.exclude keeps matching files quiet', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite runs in the test workspace');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'notes.txt'));
    const at = positionOf(doc, EXAMPLE_VIDEO_ID);
    assert.match(await hoverText(doc.uri, at), /Status: Normal/);
    await configure({ 'hover.exclude': ['**/*.txt'] });
    try {
      assert.equal(await hoverText(doc.uri, at), '');
    } finally {
      await configure({ 'hover.exclude': [] });
    }
  });
});
