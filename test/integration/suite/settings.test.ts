import { strict as assert } from 'node:assert';
import { BEIJING_ID, EXAMPLE_VIDEO_ID, SINGAPORE_ID } from '../../emulator/fixtures';
import { configure, hoverText, openText, positionOf, sleep, waitFor, suiteContext } from '../helpers';

describe('settings apply live, without a reload', function () {
  const ctx = suiteContext();

  it('hover.enabled turns the provider off and on', async () => {
    const editor = await openText(`'${EXAMPLE_VIDEO_ID}'`);
    const at = positionOf(editor.document, EXAMPLE_VIDEO_ID);
    try {
      await configure({ 'hover.enabled': false });
      assert.equal(ctx().api.hover.active, false);
      assert.equal(await hoverText(editor.document.uri, at), '');
      assert.equal(ctx().emulator.stats().requests, 0);
    } finally {
      await configure({ 'hover.enabled': true });
    }
    assert.equal(ctx().api.hover.active, true);
    assert.match(await hoverText(editor.document.uri, at), /Status: Normal/);
  });

  it('fallbackRegions: found in the second fallback, and the hover says where', async () => {
    const editor = await openText(`'${SINGAPORE_ID}' '${BEIJING_ID}'`);
    try {
      await configure({ fallbackRegions: ['cn-beijing', 'ap-southeast-1'] });
      const text = await hoverText(editor.document.uri, positionOf(editor.document, SINGAPORE_ID));
      assert.match(text, /Region: ap-southeast-1/);
      assert.deepEqual(ctx().emulator.stats().log.map((e) => e.regionId), ['cn-shanghai', 'cn-beijing', 'ap-southeast-1']);
    } finally {
      await configure({ fallbackRegions: [] });
    }
  });

  it('signatureVersion v1 is used at once', async () => {
    try {
      await configure({ signatureVersion: 'v1' });
      const editor = await openText(`'${EXAMPLE_VIDEO_ID}'`);
      await hoverText(editor.document.uri, positionOf(editor.document, EXAMPLE_VIDEO_ID));
      assert.equal(ctx().emulator.stats().log[0]?.signatureVersion, 'v1');
    } finally {
      await configure({ signatureVersion: 'v3' });
    }
  });

  it('endpoint: an insecure override is refused with its hint, and the right one works again', async () => {
    const editor = await openText(`'${EXAMPLE_VIDEO_ID}'`);
    const at = positionOf(editor.document, EXAMPLE_VIDEO_ID);
    const good = ctx().emulator.url;
    try {
      await configure({ endpoint: 'http://vod.example.com' });
      assert.match(await hoverText(editor.document.uri, at), /Refusing plain HTTP to http:\/\/vod\.example\.com/);
    } finally {
      await configure({ endpoint: good });
    }
    assert.match(await hoverText(editor.document.uri, at), /Status: Normal/);
  });

  it('cache.ttlSeconds 0 disables the cache; the default keeps answers', async () => {
    const editor = await openText(`'${EXAMPLE_VIDEO_ID}'`);
    const at = positionOf(editor.document, EXAMPLE_VIDEO_ID);
    await hoverText(editor.document.uri, at);
    await hoverText(editor.document.uri, at);
    assert.equal(ctx().emulator.stats().requests, 1);
    try {
      await configure({ 'cache.ttlSeconds': 0 });
      await hoverText(editor.document.uri, at);
      await hoverText(editor.document.uri, at);
      assert.equal(ctx().emulator.stats().requests, 3);
    } finally {
      await configure({ 'cache.ttlSeconds': 300 });
    }
  });

  it('requestTimeoutSeconds bounds a hanging request', async function () {
    this.timeout(20_000);
    ctx().emulator.setFault({ type: 'hang' });
    const editor = await openText(`'${EXAMPLE_VIDEO_ID}'`);
    try {
      await configure({ requestTimeoutSeconds: 1 });
      const started = Date.now();
      const text = await hoverText(editor.document.uri, positionOf(editor.document, EXAMPLE_VIDEO_ID));
      assert.match(text, /No answer within 1 s/);
      assert.ok(Date.now() - started < 8000);
    } finally {
      ctx().emulator.clearFaults();
      await configure({ requestTimeoutSeconds: 10 });
    }
  });

  it('an invalid region in settings is ignored with a warning, never sent', async () => {
    try {
      await configure({ region: 'cn-shanghai&x=1' });
      await sleep(100);
      assert.equal(ctx().api.services.settings.region, 'cn-shanghai');
      await waitFor(() => ctx().api.statusBar.text.includes('cn-shanghai') || undefined, 'status bar');
    } finally {
      await configure({ region: 'cn-shanghai' });
    }
  });
});
