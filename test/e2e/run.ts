// `npm run test:e2e`: the packaged extension, used as a person would, in a real VS Code (code-server
// 1.139.1) in headless Chromium, against the VOD emulator. Offline.
//
//   1. `npm run -s package` builds dist/vod-lookup-<version>.vsix; `code-server --install-extension`
//      installs it into a fresh extensions folder (the installed VSIX is what is tested).
//   2. The emulator starts in this process (127.0.0.1, a free port); code-server opens
//      test/e2e/workspace (trusted) with a fresh HOME, no credentials in its environment, and user
//      settings pointing vodLookup.endpoint at the emulator.
//   3. Chromium (1280x800) sets the AccessKey through the command palette, opens src/player.ts, hovers
//      ids, runs "VOD: Show Video Info", looks into the webview, switches to the dark theme, and checks
//      that the hostile video's HTML stays text.
//
// Screenshots go to test-results/ (hover-light.png, panel-light.png, hover-dark.png, panel-dark.png,
// hostile-hover.png, hostile-panel.png); with VOD_E2E_UPDATE_DOCS=1 the first four are also copied to
// docs/screenshots/. A failing check saves test-results/failure-<check>.png and keeps the run folder
// test-results/e2e-run/ (code-server, extension host and browser logs). Ends with `e2e: N passed, N failed`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, type Emulator, startEmulator } from '../emulator/server';
import { CHINESE_ID, EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE, HOSTILE_ID, NONEXISTENT_ID } from '../emulator/fixtures';
import {
  checkPrerequisites,
  ensureCodeServer,
  findActivationMs,
  installVsix,
  launchBrowser,
  type RunningCodeServer,
  startCodeServer,
} from '../runner/codeServer';
import { Checks, elapsed, errorMessage, handleSignalsEarly, keepOnExit, packageExtension, REPO_ROOT, removeOnExit, slug } from './harness';
import * as wb from './workbench';

const EXTENSION_ID = 'vod-tools.vod-lookup';
const WORKSPACE = path.join(REPO_ROOT, 'test', 'e2e', 'workspace');
const RESULTS = path.join(REPO_ROOT, 'test-results');
const RUN_DIR = path.join(RESULTS, 'e2e-run');
const DOCS_SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const LIGHT_THEME = 'Default Light Modern';
const DARK_THEME_LABEL = 'Dark Modern';

const HOSTILE_TITLE = `<img src=x onerror=alert(1)><script>alert("title")</script> Launch "teaser" & 'trailer'`;
const CHINESE_TITLE = '产品发布会 2026';
/** Screenshots that are copied to docs/screenshots/ with VOD_E2E_UPDATE_DOCS=1. */
const DOC_SHOTS = ['hover-light.png', 'panel-light.png', 'hover-dark.png', 'panel-dark.png'];

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function short(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

interface Session {
  emulator?: Emulator;
  server?: RunningCodeServer;
  browser?: Browser;
  page?: Page;
  vsix?: string;
  extensionsDir?: string;
  dialogs: string[];
  shots: string[];
}

async function main(): Promise<number> {
  handleSignalsEarly();
  const started = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  fs.mkdirSync(RUN_DIR, { recursive: true });
  removeOnExit(RUN_DIR);
  for (const old of fs.readdirSync(RESULTS)) if (old.startsWith('failure-') && old.endsWith('.png')) fs.rmSync(path.join(RESULTS, old), { force: true });

  checkPrerequisites({ browser: true });
  await ensureCodeServer();

  const s: Session = { dialogs: [], shots: [] };
  const failureShots: string[] = [];
  const checks = new Checks(async (name) => {
    if (!s.page || s.page.isClosed()) return;
    const file = path.join(RESULTS, `failure-${slug(name)}.png`);
    await s.page.screenshot({ path: file, timeout: 5_000 });
    failureShots.push(file);
    fs.writeFileSync(path.join(RUN_DIR, `failure-${slug(name)}.html`), await s.page.content());
    process.stdout.write(`      screenshot: ${path.relative(process.cwd(), file)}\n`);
  });

  const shot = async (name: string): Promise<void> => {
    const page = s.page as Page;
    const file = path.join(RESULTS, name);
    // Finite CSS animations (the hover's fade-in) are fast-forwarded so nothing is caught half-drawn.
    await page.screenshot({ path: file, animations: 'disabled' });
    s.shots.push(file);
  };

  process.stdout.write(`\ne2e: the packaged extension in VS Code (code-server) in headless Chromium\n`);
  let frame: Frame | undefined;
  let cleanupMs: number;
  try {
    // -- the VSIX, as a release builds it, installed as a user installs it -------------------------
    await checks.check(
      'npm run package builds the VSIX',
      async () => {
        const { vsix, ms } = await packageExtension();
        s.vsix = vsix;
        const size = fs.statSync(vsix).size;
        process.stdout.write(`      ${path.relative(REPO_ROOT, vsix)} (${Math.round(size / 1024)} KB) in ${(ms / 1000).toFixed(1)} s\n`);
      },
      { fatal: true },
    );

    await checks.check(
      'the VSIX installs into a fresh extensions folder (code-server --install-extension)',
      async () => {
        s.extensionsDir = path.join(RUN_DIR, 'extensions');
        await installVsix(s.vsix as string, s.extensionsDir, path.join(RUN_DIR, 'install-user-data'));
        const installed = fs.readdirSync(s.extensionsDir).filter((d) => d.startsWith(`${EXTENSION_ID}-`));
        assert(installed.length === 1, `expected one ${EXTENSION_ID}-* folder in the extensions folder, found: ${fs.readdirSync(s.extensionsDir).join(', ')}`);
        const bundle = path.join(s.extensionsDir, installed[0] as string, 'dist', 'extension.js');
        assert(fs.existsSync(bundle), `${bundle} missing from the installed extension`);
        assert(!fs.existsSync(path.join(s.extensionsDir, installed[0] as string, 'src')), 'the installed extension contains src/ (.vscodeignore)');
      },
      { fatal: true },
    );

    // -- VS Code ---------------------------------------------------------------------------------
    await checks.check(
      'VS Code opens the trusted workspace and activates the installed extension',
      async () => {
        s.emulator = await startEmulator();
        const home = path.join(RUN_DIR, 'home');
        fs.mkdirSync(home, { recursive: true });
        s.server = await startCodeServer({
          workspace: WORKSPACE,
          userDataDir: path.join(RUN_DIR, 'user-data'),
          extensionsDir: s.extensionsDir as string,
          serverLogFile: path.join(RUN_DIR, 'code-server.log'),
          trustWorkspace: true,
          settings: {
            'vodLookup.endpoint': s.emulator.url,
            'workbench.colorTheme': LIGHT_THEME,
            'workbench.startupEditor': 'none',
            'workbench.tips.enabled': false,
            'workbench.secondarySideBar.defaultVisibility': 'hidden',
            'workbench.welcomePage.walkthroughs.openOnInstall': false,
            'security.workspace.trust.startupPrompt': 'never',
            'chat.commandCenter.enabled': false,
            'git.enabled': false,
            // Screenshots: more room for the text.
            'editor.minimap.enabled': false,
          },
          // A fresh HOME and no credentials in the environment: the key must come from what is typed.
          env: {
            HOME: home,
            ALIBABA_CLOUD_ACCESS_KEY_ID: '',
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: '',
            ALIBABA_CLOUD_SECURITY_TOKEN: '',
            ALIBABA_CLOUD_PROFILE: '',
            ALIBABA_CLOUD_CREDENTIALS_FILE: '',
          },
        });
        s.browser = await launchBrowser();
        const page = await s.browser.newPage({ viewport: VIEWPORT });
        s.page = page;
        const consoleLog = fs.createWriteStream(path.join(RUN_DIR, 'browser-console.log'));
        page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
        page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e.message}\n`));
        // An alert()/confirm()/prompt() from anywhere in the page or its iframes.
        page.on('dialog', (d) => {
          s.dialogs.push(`${d.type()}: ${d.message()}`);
          void d.dismiss().catch(() => undefined);
        });
        await page.goto(`${s.server.url}?folder=${encodeURIComponent(WORKSPACE)}`, { waitUntil: 'domcontentloaded' });
        await wb.waitForWorkbench(page);
        const activationMs = await wb.waitFor(() => findActivationMs(s.server?.logsDir as string, EXTENSION_ID), '"activate() took" in the extension log', 15_000);
        // trustWorkspace (--disable-workspace-trust): a trusted folder, never Restricted Mode.
        assert(!/Restricted Mode/i.test(await wb.statusBarText(page)), 'the workspace opened in Restricted Mode');
        const where = fs.readdirSync(s.extensionsDir as string).find((d) => d.startsWith(`${EXTENSION_ID}-`));
        process.stdout.write(`      ${where} from the VSIX; activate() took ${activationMs.toFixed(2)} ms\n`);
        // More room for the editor and the panel in screenshots.
        await wb.runCommand(page, 'View: Close Primary Side Bar');
        await wb.waitFor(async () => !(await page.locator('.part.sidebar').isVisible()), 'the side bar to close', 5_000);
      },
      { fatal: true },
    );
    const page = s.page as Page;

    await checks.check('without credentials, the status bar item says so', async () => {
      const label = await wb.statusItemLabel(page);
      assert(/no credentials/i.test(label), `status bar item: ${short(label)}`);
    });

    // -- credentials, typed -----------------------------------------------------------------------
    await checks.check(
      'F1 "VOD: Set AccessKey": id, secret and an empty STS token typed into the input boxes',
      async () => {
        await wb.runCommand(page, 'VOD: Set AccessKey');
        await wb.answerInputBox(page, 'Set AccessKey (1/3)', DEFAULT_ACCESS_KEY_ID);
        await wb.answerInputBox(page, 'Set AccessKey (2/3)', DEFAULT_ACCESS_KEY_SECRET);
        await wb.answerInputBox(page, 'Set AccessKey (3/3)', '');
        await wb.findNotification(page, 'AccessKey saved');
        const label = await wb.waitFor(async () => {
          const l = await wb.statusItemLabel(page);
          return /secret storage/i.test(l) ? l : undefined;
        }, 'the status bar item to name the stored key');
        assert(label.includes('LTAI****0001'), `status bar item does not show the masked key: ${short(label)}`);
        assert(!label.includes(DEFAULT_ACCESS_KEY_SECRET), 'the status bar item shows the secret');
      },
      { fatal: true },
    );

    await checks.check('"Test Connection" on the notification: connected, with the stored key', async () => {
      const saved = await wb.findNotification(page, 'AccessKey saved');
      await saved.getByRole('button', { name: 'Test Connection' }).click();
      const connected = await wb.findNotification(page, 'Connected to ApsaraVideo VOD');
      const text = (await connected.innerText()).replace(/\s+/g, ' ');
      assert(text.includes('cn-shanghai') && text.includes('LTAI****0001'), `unexpected message: ${short(text)}`);
      await wb.clearNotifications(page);
    });

    // -- the hover --------------------------------------------------------------------------------
    await checks.check(
      'Ctrl+P opens src/player.ts',
      async () => {
        await wb.openFile(page, 'src/player.ts');
        await wb.waitFor(() => wb.findRenderedText(page, EXAMPLE_VIDEO_ID), 'the example id to be rendered');
      },
      { fatal: true },
    );

    const settleHover = async (): Promise<void> => {
      // Other hover providers (TypeScript) show "Loading..." for a moment, and the TypeScript server says
      // "Analyzing…" in the status bar: wait for both to settle (not a failure if they do not).
      await wb.waitFor(async () => !(await wb.hoverText(page)).includes('Loading...'), 'other hover providers', 8_000).catch(() => undefined);
      await wb.waitFor(async () => !/Analyzing/.test(await wb.statusBarText(page)), 'the TypeScript server', 5_000).catch(() => undefined);
      await wb.waitFor(() => wb.hoverFullyShown(page), 'the hover to finish fading in', 3_000).catch(() => undefined);
    };

    /** Hovers an id, waits for `expect`, and for the thumbnail; re-hovers once if the thumbnail came late. */
    const hoverWithThumbnail = async (id: string, expect: string): Promise<wb.HoverDom> => {
      for (let attempt = 1; ; attempt++) {
        await wb.hoverOver(page, id, expect);
        try {
          return await wb.waitFor(async () => {
            const dom = await wb.inspectHover(page);
            return dom.images.some((i) => i.complete && i.naturalWidth > 0) ? dom : undefined;
          }, 'the hover thumbnail to load (an <img> with naturalWidth > 0)', 5_000);
        } catch (err) {
          // The hover waits 1.5 s for a thumbnail, then shows without it (the next hover has it cached).
          if (attempt >= 2) throw err;
          process.stdout.write('      (thumbnail not in the first hover: hovering again)\n');
        }
      }
    };

    await checks.check('hover on the example id: title, "Status: Normal" and a loaded thumbnail', async () => {
      const dom = await hoverWithThumbnail(EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE);
      assert(dom.text.includes('Status: Normal'), `no "Status: Normal" in the hover: ${short(dom.text)}`);
      assert(dom.text.includes('Open details') && dom.text.includes('Copy id'), `no "Open details · Copy id" links: ${short(dom.text)}`);
      const thumb = dom.images.find((i) => i.naturalWidth > 0);
      assert(thumb?.src.startsWith('data:image/'), `the thumbnail is not a data: URI: ${thumb?.src.slice(0, 40)}`);
      await settleHover();
      await wb.clearNotifications(page);
      await shot('hover-light.png');
    });

    await checks.check('hover on an id in no region: "No video … in cn-shanghai"', async () => {
      const text = await wb.hoverOver(page, NONEXISTENT_ID, `No video ${NONEXISTENT_ID}`);
      assert(text.includes('cn-shanghai'), `the hover does not name the region: ${short(text)}`);
    });

    await checks.check('hover on the hostile id: its HTML shows as text, nothing injected, links only to vodLookup commands', async () => {
      await wb.hoverOver(page, HOSTILE_ID, 'Launch "teaser"');
      const dom = await wb.inspectHover(page);
      assert(dom.text.includes(HOSTILE_TITLE), `the title is not shown literally; hover text: ${short(dom.text)}`);
      assert(dom.text.includes('<b onmouseover=alert(1)>News</b>'), `the category is not shown literally: ${short(dom.text)}`);
      assert(dom.text.includes('[x](command:workbench.action.terminal.new)'), `the markdown link in the tags is not shown literally: ${short(dom.text)}`);
      assert(dom.injected.length === 0, `elements an injection would make are in the hover: ${dom.injected.join(', ')}`);
      for (const link of dom.links) {
        for (const target of [link.href, link.dataHref].filter((t) => t !== '' && t !== '#')) {
          assert(/^command:vodLookup\.[A-Za-z]+(\?|$)/.test(target), `the hover links to something other than a vodLookup command: "${link.text}" → ${target}`);
        }
      }
      assert(dom.links.some((l) => (l.dataHref || l.href).startsWith('command:vodLookup.showVideoInfo')), `no "Open details" link: ${JSON.stringify(dom.links)}`);
      for (const img of dom.images) assert(img.src.startsWith('data:image/'), `an image in the hover loads from ${img.src.slice(0, 60)}`);
      const mainPage = await wb.countInPage(page, 'img[src="x"], [onerror], [onmouseover]');
      assert(mainPage === 0, `${mainPage} injected element(s) in the workbench page`);
      await settleHover();
      await shot('hostile-hover.png');
    });

    // -- the panel --------------------------------------------------------------------------------
    const showVideoInfo = async (id: string, expectTitle: string): Promise<wb.PanelDom> => {
      await wb.dismissHover(page);
      await wb.clickText(page, id);
      await wb.dismissHover(page);
      await wb.runCommand(page, 'VOD: Show Video Info');
      frame = await wb.panelFrame(page);
      const f = frame;
      return wb.waitFor(async () => {
        const dom = await wb.inspectPanel(f);
        return dom.state === 'found' && dom.title === expectTitle && dom.cover?.complete && (dom.cover.naturalWidth ?? 0) > 0 ? dom : undefined;
      }, `the panel to show "${expectTitle}" with its cover loaded`, 20_000);
    };

    const settlePanel = async (): Promise<void> => {
      await wb.waitFor(async () => !(await wb.notificationMessages(page)).some((m) => m.includes('Looking up')), 'the progress notification to go', 8_000).catch(() => undefined);
      await wb.clearNotifications(page).catch(() => undefined);
      await wb.dismissHover(page);
    };

    await checks.check('F1 "VOD: Show Video Info" on the example id: panel with title, "Normal" badge and a loaded cover', async () => {
      const dom = await showVideoInfo(EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE);
      assert(dom.badgeStatus.includes('Normal'), `no .badge[data-status="Normal"]: ${dom.badgeStatus.join(', ')}`);
      assert(dom.cover?.src.startsWith('data:image/'), 'the cover is not a data: URI');
      assert(dom.gallery.length >= 1 && dom.gallery.every((g) => g.complete && g.naturalWidth > 0), `snapshots not loaded: ${JSON.stringify(dom.gallery)}`);
      assert(dom.fieldsRows >= 20, `table.fields has ${dom.fieldsRows} rows`);
      const tab = (await page.locator('.tabs-container .tab.active').last().getAttribute('aria-label')) ?? '';
      assert(tab.includes(EXAMPLE_VIDEO_TITLE), `the panel's tab is "${tab}"`);
      await settlePanel();
      await shot('panel-light.png');
    });

    await checks.check('the panel shows the hostile video as text: no injected element, only the nonce script', async () => {
      const dom = await showVideoInfo(HOSTILE_ID, HOSTILE_TITLE);
      assert(dom.injected.length === 0, `elements an injection would make are in the webview: ${dom.injected.join(', ')}`);
      // VS Code's webview host prepends its own acquireVsCodeApi script (#_vscodeApiScript); besides it,
      // only the panel's script, loaded from the extension's media/ with the CSP nonce.
      const ours = dom.scripts.filter((x) => x.id !== '_vscodeApiScript');
      const host = dom.scripts.filter((x) => x.id === '_vscodeApiScript');
      const described = JSON.stringify(dom.scripts.map(({ text, ...rest }) => ({ ...rest, text: text.slice(0, 60) })));
      assert(ours.length === 1 && ours[0]?.hasNonce && !ours[0].inline && ours[0].src.endsWith('/media/panel.js'), `scripts in the webview: ${described}`);
      assert(host.length <= 1 && host.every((x) => x.text.includes('acquireVsCodeApi') && !/alert\(/.test(x.text)), `scripts in the webview: ${described}`);
      assert(dom.links.length === 0, `links in the webview: ${dom.links.join(', ')}`);
      assert(dom.images.every((src) => src.startsWith('data:image/')), `images in the webview not from data: URIs: ${dom.images.join(', ')}`);
      assert(dom.bodyText.includes('[click](command:workbench.action.terminal.new)'), 'the description\'s command link is not shown as text');
      assert(dom.bodyText.includes('<iframe src="https://evil.example/"></iframe>'), 'the description\'s <iframe> is not shown as text');
      await settlePanel();
      await shot('hostile-panel.png');
    });

    // -- dark theme, Chinese ----------------------------------------------------------------------
    await checks.check(`"Preferences: Color Theme" → ${DARK_THEME_LABEL}; the panel shows the Chinese title and its cover`, async () => {
      await wb.selectColorTheme(page, DARK_THEME_LABEL, 'vs-dark');
      const dom = await showVideoInfo(CHINESE_ID, CHINESE_TITLE);
      assert(dom.badgeStatus.includes('Normal'), `no .badge[data-status="Normal"]: ${dom.badgeStatus.join(', ')}`);
      const dark = await wb.bodyHasClass(frame as Frame, 'vscode-dark');
      assert(dark, 'the webview body has no vscode-dark class');
      await settlePanel();
      await shot('panel-dark.png');
    });

    await checks.check('dark theme: hover on the Chinese id, title and thumbnail', async () => {
      const dom = await hoverWithThumbnail(CHINESE_ID, CHINESE_TITLE);
      assert(dom.text.includes('Status: Normal'), `no "Status: Normal": ${short(dom.text)}`);
      await settleHover();
      await shot('hover-dark.png');
    });

    // -- what must not have happened --------------------------------------------------------------
    await checks.check('nothing executed: no alert/confirm/prompt dialog anywhere', async () => {
      assert(s.dialogs.length === 0, `dialogs: ${s.dialogs.join(' | ')}`);
    });

    await checks.check('the emulator saw signed requests only (no signature failures) for the ids looked up', async () => {
      const stats = (s.emulator as Emulator).stats();
      assert(stats.requests > 0, 'no API request reached the emulator');
      assert(stats.signatureFailures === 0, `${stats.signatureFailures} signature failure(s)`);
      for (const id of [EXAMPLE_VIDEO_ID, CHINESE_ID, HOSTILE_ID, NONEXISTENT_ID]) assert((stats.byVideoId[id] ?? 0) > 0, `no request for ${id}`);
      const errors = stats.log.filter((e) => e.status >= 400 && e.code !== 'InvalidVideo.NotFound');
      assert(errors.length === 0, `unexpected error answers: ${JSON.stringify(errors.slice(0, 3))}`);
    });
  } catch (err) {
    // Outside a check (should not happen): counted as a failure.
    process.stdout.write(`  \u2716 ${errorMessage(err)}\n`);
    checks.abort('runner');
    checks.outcomes.push({ name: 'runner', ok: false, ms: 0, error: errorMessage(err) });
  } finally {
    const cleanupStarted = Date.now();
    await s.browser?.close().catch(() => undefined);
    await s.server?.stop().catch(() => undefined);
    await s.emulator?.close().catch(() => undefined);
    cleanupMs = Date.now() - cleanupStarted;
  }

  if (s.shots.length > 0) {
    process.stdout.write(`\nscreenshots: ${s.shots.map((f) => path.relative(process.cwd(), f)).join(', ')}\n`);
    if (process.env.VOD_E2E_UPDATE_DOCS === '1') {
      fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
      const copied: string[] = [];
      for (const file of s.shots) {
        if (!DOC_SHOTS.includes(path.basename(file))) continue;
        fs.copyFileSync(file, path.join(DOCS_SCREENSHOTS, path.basename(file)));
        copied.push(path.basename(file));
      }
      process.stdout.write(`copied to ${path.relative(process.cwd(), DOCS_SCREENSHOTS)}/: ${copied.join(', ')}\n`);
    }
  }
  const failed = checks.failed;
  if (failed > 0) {
    keepOnExit(RUN_DIR);
    const rel = path.relative(process.cwd(), RUN_DIR);
    process.stdout.write(
      `\nLogs kept in ${rel}/: code-server.log (server + extension host stdout), browser-console.log,\n` +
        `  user-data/logs/<time>/exthost1/remoteexthost.log and exthost1/${EXTENSION_ID}/VOD Lookup.log\n` +
        (failureShots.length ? `Failure screenshots: ${failureShots.map((f) => path.relative(process.cwd(), f)).join(', ')}\n` : ''),
    );
  }
  const notRun = checks.outcomes.filter((o) => o.skipped).length;
  process.stdout.write(`\ne2e finished in ${elapsed(started)} (clean-up ${(cleanupMs / 1000).toFixed(1)} s)${notRun ? ` (${notRun} check(s) not run after a fatal failure, counted as failed)` : ''}\n`);
  process.stdout.write(`e2e: ${checks.passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`e2e runner: ${errorMessage(err)}\n`);
    process.stdout.write('e2e: 0 passed, 1 failed\n');
    process.exitCode = 1;
  },
);
