// Drives the VS Code workbench (code-server in headless Chromium) the way a person does: keyboard,
// mouse, what is on screen. Every wait polls the DOM with a deadline; nothing sleeps for long.
import type { Frame, Locator, Page } from 'playwright-core';

// Callbacks given to page.evaluate()/frame.evaluate() run in the browser. The project's tsconfig has no DOM
// library (the extension must not use browser globals), so the few used here are declared for this module
// only, loosely typed.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const NodeFilter: { SHOW_TEXT: number };
declare function getComputedStyle(element: any): { opacity: string };

export const STATUS_ITEM = '[id="vod-tools.vod-lookup.vodLookup.status"]';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined/false/null. */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** The workbench is up and the extension has put its status bar item there (so it is activated). */
export async function waitForWorkbench(page: Page, timeoutMs = 45_000): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator(STATUS_ITEM).waitFor({ state: 'attached', timeout: timeoutMs });
}

/** All of the status bar's text. */
export async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.part.statusbar').innerText({ timeout: 2_000 }).catch(() => '')) ?? '';
}

export async function statusItemLabel(page: Page): Promise<string> {
  return (await page.locator(STATUS_ITEM).first().getAttribute('aria-label')) ?? '';
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;

async function quickInputVisible(page: Page): Promise<boolean> {
  return page.locator(QUICK_INPUT).isVisible();
}

/** Focuses the editor area (or the workbench) so that keyboard shortcuts reach VS Code. */
async function ensureKeyboardFocus(page: Page): Promise<void> {
  const focused = await page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body);
  if (!focused) await page.locator('.monaco-workbench').focus();
}

/** Closes the quick input if it is open. */
export async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInputVisible(page)) {
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await quickInputVisible(page)), 'the quick input to close', 5_000);
  }
}

/**
 * F1, type the command's title, wait until the first row of the list is exactly that command, Enter.
 * Retries F1 once: the very first F1 after start-up is sometimes swallowed while the workbench settles.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await closeQuickInput(page);
  await ensureKeyboardFocus(page);
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await waitFor(() => quickInputVisible(page), 'the command palette to open', 5_000);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  await page.locator(QUICK_INPUT_BOX).fill(`>${title}`);
  await chooseQuickItem(page, title);
}

/** Whether a quick-pick row's aria-label is the entry `label` (maybe followed by its keybinding or detail). */
function isEntry(ariaLabel: string, label: string): boolean {
  return ariaLabel === label || ariaLabel.startsWith(`${label},`) || ariaLabel.startsWith(`${label} `);
}

/**
 * With the quick pick filtered, moves the selection to the row that is exactly `label` (fuzzy matching may
 * rank another entry first: "Browse Color Themes" above "Color Theme") and presses Enter.
 */
async function chooseQuickItem(page: Page, label: string): Promise<void> {
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  const index = await waitFor(
    async () => {
      const labels = await rows.evaluateAll((els: any[]) => els.map((e): string => e.getAttribute('aria-label') ?? ''));
      const at = labels.findIndex((l) => isEntry(l, label));
      return at >= 0 ? at + 1 : undefined; // 1-based so that 0 is not "not found"
    },
    `"${label}" in the quick pick`,
    10_000,
  );
  const focused = page.locator(`${QUICK_INPUT} .monaco-list-row.focused`).first();
  for (let step = 0; step < index + 10; step++) {
    const current = (await focused.getAttribute('aria-label', { timeout: 2_000 }).catch(() => '')) ?? '';
    if (isEntry(current, label)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not select "${label}" in the quick pick`);
}

/** Text of the quick input's title bar (e.g. "Set AccessKey (1/3)"). */
export async function quickInputTitle(page: Page): Promise<string> {
  const title = page.locator(`${QUICK_INPUT} .quick-input-title`);
  return (await title.isVisible()) ? ((await title.textContent()) ?? '') : '';
}

/** Waits for an input box with this title, types the value, Enter. */
export async function answerInputBox(page: Page, expectedTitle: string, value: string): Promise<void> {
  await waitFor(async () => (await quickInputVisible(page)) && (await quickInputTitle(page)).includes(expectedTitle), `the input box "${expectedTitle}"`, 10_000);
  const input = page.locator(QUICK_INPUT_BOX);
  await input.fill(value);
  // validateInput runs asynchronously: wait until the typed value is what the box holds and no error shows.
  await waitFor(async () => (await input.inputValue()) === value, `the input box to hold the typed value`, 5_000);
  await page.keyboard.press('Enter');
  await waitFor(async () => !(await quickInputVisible(page)) || !(await quickInputTitle(page)).includes(expectedTitle), `the input box "${expectedTitle}" to be accepted`, 10_000);
}

/** Ctrl+P, the file's name, Enter; waits until its editor tab is active. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await closeQuickInput(page);
  await ensureKeyboardFocus(page);
  const name = relativePath.split('/').pop() ?? relativePath;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await waitFor(() => quickInputVisible(page), 'quick open', 5_000);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  await page.locator(QUICK_INPUT_BOX).fill(relativePath);
  const firstRow = page.locator(`${QUICK_INPUT} .monaco-list-row`).first();
  await waitFor(async () => ((await firstRow.getAttribute('aria-label', { timeout: 1_000 })) ?? '').includes(name), `quick open to list ${relativePath}`, 15_000);
  await page.keyboard.press('Enter');
  await waitFor(
    async () => ((await page.locator('.tabs-container .tab.active').getAttribute('aria-label', { timeout: 1_000 })) ?? '').includes(name),
    `the editor tab of ${name}`,
    10_000,
  );
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').waitFor({ state: 'visible', timeout: 10_000 });
}

export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the editor renders `text` (the first occurrence in the visible lines of the active editor), in
 * page coordinates: a DOM Range over the text node, so the box is the id itself, not its whole token.
 */
export async function findRenderedText(page: Page, text: string): Promise<TextBox | undefined> {
  const box = await page.evaluate((needle: string): TextBox | undefined => {
    // The text editors of every editor group (the panel's group may be the active one).
    for (const root of Array.from(document.querySelectorAll('.editor-group-container .monaco-editor .view-lines')) as any[]) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Monaco renders spaces as U+00A0.
        const content = String(node.textContent ?? '').replace(/\u00a0/g, ' ');
        const at = content.indexOf(needle);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return undefined;
  }, text);
  return box ?? undefined;
}

/** Clicks into the middle of the rendered id: the cursor is then on it (as for "Show Video Info"). */
export async function clickText(page: Page, text: string): Promise<void> {
  const box = await waitFor(() => findRenderedText(page, text), `"${text}" to be rendered in the editor`, 10_000);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** The visible hover widget of the editor. */
export function hoverWidget(page: Page): Locator {
  return page.locator('.monaco-editor .monaco-resizable-hover .monaco-hover:not(.hidden)').first();
}

export async function hoverText(page: Page): Promise<string> {
  const hover = hoverWidget(page);
  // Markdown text comes out with U+00A0 for some spaces: compare with plain spaces.
  return (await hover.isVisible()) ? normalizeSpaces(await hover.innerText({ timeout: 1_000 })) : '';
}

/** The hover is on screen at full opacity (its fade-in is over). */
export async function hoverFullyShown(page: Page): Promise<boolean> {
  const hover = hoverWidget(page);
  if (!(await hover.isVisible())) return false;
  return hover.evaluate((el: any): boolean => {
    for (let node = el; node; node = node.parentElement) if (Number(getComputedStyle(node).opacity) < 1) return false;
    return true;
  });
}

/** Moves the mouse away from the editor text and waits for any hover to go. */
export async function dismissHover(page: Page): Promise<void> {
  await page.mouse.move(5, 400, { steps: 2 });
  await page.keyboard.press('Escape');
  await waitFor(async () => !(await hoverWidget(page).isVisible()), 'the hover to close', 5_000).catch(() => undefined);
}

/**
 * Moves the mouse over the rendered id (in a few steps, as a hand does) and waits for a hover whose text
 * contains `expect`. If no hover shows for 3 s, moves off and on again: Monaco drops a hover request
 * that a re-layout (a panel opening, a theme change) interrupted.
 */
export async function hoverOver(page: Page, text: string, expect: string, timeoutMs = 15_000): Promise<string> {
  await dismissHover(page);
  const box = await waitFor(() => findRenderedText(page, text), `"${text}" to be rendered in the editor`, 10_000);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  let lastMove = 0;
  return waitFor(
    async () => {
      const current = await hoverText(page);
      if (current.includes(expect)) return current;
      if (Date.now() - lastMove > 3_000 && !current) {
        await page.mouse.move(x - box.width / 2 - 30, y, { steps: 1 });
        await page.mouse.move(x, y, { steps: 4 });
        lastMove = Date.now();
      }
      return undefined;
    },
    `a hover containing "${expect}" over ${text}`,
    timeoutMs,
  );
}

/**
 * The webview's content frame: the outer `iframe.webview` (the host page) holds `#active-frame`, the
 * document the extension wrote. Picks the one whose `#app` exists (only our panel is open).
 */
export async function panelFrame(page: Page, timeoutMs = 20_000): Promise<Frame> {
  return waitFor(
    async () => {
      for (const frame of page.frames()) {
        if (frame.name() !== 'active-frame' && !frame.url().includes('fake.html')) continue;
        try {
          if ((await frame.locator('#app').count()) > 0) return frame;
        } catch {
          // frame navigating or detached
        }
      }
      return undefined;
    },
    'the video panel webview (#app in the inner iframe)',
    timeoutMs,
  );
}

// ---------------------------------------------------------------------------------------------
// quick picks, notifications, themes

/** In an open quick pick, types `filter` and presses Enter once the first row's label starts with `label`. */
export async function pickQuickItem(page: Page, filter: string, label: string): Promise<void> {
  await waitFor(() => quickInputVisible(page), 'a quick pick', 5_000);
  await page.locator(QUICK_INPUT_BOX).fill(filter);
  await chooseQuickItem(page, label);
  await waitFor(async () => !(await quickInputVisible(page)), 'the quick pick to close', 5_000);
}

const TOAST = '.notifications-toasts .notification-toast';
const CENTER = '.notifications-center';
const CENTER_ITEM = `${CENTER} .notification-list-item`;

async function centerVisible(page: Page): Promise<boolean> {
  return page.locator(`${CENTER}.visible`).isVisible();
}

/**
 * A notification whose message contains `text`: its toast, or else its entry in the notification centre
 * (opened with "Notifications: Show Notifications"). The runner library starts VS Code with the smoke-test
 * driver, under which VS Code shows no toasts at all; the centre works either way.
 */
export async function findNotification(page: Page, text: string, timeoutMs = 10_000): Promise<Locator> {
  const toast = page.locator(TOAST).filter({ hasText: text }).first();
  const item = page.locator(CENTER_ITEM).filter({ hasText: text }).first();
  let opened = false;
  return waitFor(
    async () => {
      if (await toast.isVisible()) return toast;
      if (await item.isVisible()) return item;
      const bell = (await page.locator('[id="status.notifications"] .codicon').first().getAttribute('class')) ?? '';
      if (!opened && !(await centerVisible(page)) && /bell-dot/.test(bell)) {
        opened = true;
        await page.locator('[id="status.notifications"] .statusbar-item-label').click();
      }
      return undefined;
    },
    `a notification "${text}"`,
    timeoutMs,
  );
}

/** Messages of the visible notifications (toasts and the centre). */
export async function notificationMessages(page: Page): Promise<string[]> {
  return page
    .locator(`${TOAST} .notification-list-item-message, ${CENTER_ITEM} .notification-list-item-message`)
    .evaluateAll((els: any[]) => els.filter((e) => e.offsetParent !== null).map((e): string => e.innerText));
}

/** Clears every notification and hides the centre (so nothing covers a screenshot). */
export async function clearNotifications(page: Page): Promise<void> {
  const any = async () => (await page.locator(TOAST).count()) > 0 || (await page.locator(CENTER_ITEM).count()) > 0;
  if (await any()) {
    await runCommand(page, 'Notifications: Clear All Notifications');
    await waitFor(async () => !(await any()), 'the notifications to go', 5_000);
  }
  if (await centerVisible(page)) {
    await runCommand(page, 'Notifications: Hide Notifications');
    await waitFor(async () => !(await centerVisible(page)), 'the notification centre to close', 5_000);
  }
}

/** "Preferences: Color Theme", pick the theme by its label; waits until the workbench wears it. */
export async function selectColorTheme(page: Page, label: string, workbenchClass: 'vs' | 'vs-dark'): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await pickQuickItem(page, label, label);
  await waitFor(
    async () => (await page.locator('.monaco-workbench').getAttribute('class'))?.split(/\s+/).includes(workbenchClass),
    `the workbench to switch to ${label}`,
    10_000,
  );
}

// ---------------------------------------------------------------------------------------------
// what the hover and the panel contain

export interface LinkInfo {
  text: string;
  href: string;
  dataHref: string;
}

export interface HoverDom {
  text: string;
  html: string;
  links: LinkInfo[];
  images: { src: string; naturalWidth: number; complete: boolean }[];
  /** Elements an injection would have made: img[src=x], script, iframe, style, anything with an on* attribute. */
  injected: string[];
}

/** Inspects the visible hover widget's DOM. */
export async function inspectHover(page: Page): Promise<HoverDom> {
  return hoverWidget(page).evaluate((el: any): HoverDom => {
    const injected: string[] = [];
    for (const node of Array.from(el.querySelectorAll('*')) as any[]) {
      const tag = node.tagName.toLowerCase();
      if (tag === 'script' || tag === 'iframe' || tag === 'style' || tag === 'object' || tag === 'embed') injected.push(`<${tag}>`);
      if (tag === 'img' && (node.getAttribute('src') ?? '') === 'x') injected.push('<img src=x>');
      for (const attr of Array.from(node.attributes) as any[]) if (/^on/i.test(attr.name)) injected.push(`${tag}[${attr.name}]`);
    }
    return {
      text: el.innerText.replace(/[\u00a0\u202f]/g, ' '),
      html: el.innerHTML,
      links: Array.from(el.querySelectorAll('a')).map((a: any) => ({ text: a.innerText, href: a.getAttribute('href') ?? '', dataHref: a.getAttribute('data-href') ?? '' })),
      images: Array.from(el.querySelectorAll('img')).map((img: any) => ({ src: img.getAttribute('src') ?? '', naturalWidth: img.naturalWidth, complete: img.complete })),
      injected,
    };
  });
}

export interface PanelDom {
  state: string;
  title: string;
  badgeStatus: string[];
  cover: { src: string; naturalWidth: number; complete: boolean } | undefined;
  gallery: { naturalWidth: number; complete: boolean }[];
  /** Every <script> of the document, head included. VS Code adds one itself: `#_vscodeApiScript` (acquireVsCodeApi). */
  scripts: { id: string; src: string; hasNonce: boolean; inline: boolean; text: string }[];
  injected: string[];
  links: string[];
  images: string[];
  bodyText: string;
  fieldsRows: number;
}

/** Inspects the panel's document (the inner webview frame). */
export async function inspectPanel(frame: Frame): Promise<PanelDom> {
  return frame.evaluate((): PanelDom => {
    const injected: string[] = [];
    for (const node of Array.from(document.querySelectorAll('body *')) as any[]) {
      const tag = node.tagName.toLowerCase();
      if (tag === 'iframe' || tag === 'style' || tag === 'object' || tag === 'embed') injected.push(`<${tag}>`);
      if (tag === 'img' && (node.getAttribute('src') ?? '') === 'x') injected.push('<img src=x>');
      for (const attr of Array.from(node.attributes) as any[]) if (/^on/i.test(attr.name)) injected.push(`${tag}[${attr.name}]`);
    }
    const cover = document.querySelector('img.cover');
    const app = document.getElementById('app');
    return {
      state: app?.dataset.state ?? '',
      title: document.querySelector('h1#title')?.textContent ?? '',
      badgeStatus: Array.from(document.querySelectorAll('.badge[data-status]')).map((b: any): string => b.getAttribute('data-status') ?? ''),
      cover: cover ? { src: cover.getAttribute('src') ?? '', naturalWidth: cover.naturalWidth, complete: cover.complete } : undefined,
      gallery: Array.from(document.querySelectorAll('.gallery img')).map((i: any) => ({ naturalWidth: i.naturalWidth, complete: i.complete })),
      scripts: Array.from(document.querySelectorAll('script')).map((s: any) => ({
        id: s.id ?? '',
        src: s.getAttribute('src') ?? '',
        // The nonce attribute reads back empty once applied (the nonce hiding of browsers): `.nonce` keeps it.
        hasNonce: s.nonce !== '' || s.hasAttribute('nonce'),
        inline: !s.hasAttribute('src'),
        text: String(s.textContent ?? '').slice(0, 2000),
      })),
      injected,
      links: Array.from(document.querySelectorAll('a')).map((a: any): string => a.getAttribute('href') ?? ''),
      images: Array.from(document.querySelectorAll('img')).map((i: any): string => (i.getAttribute('src') ?? '').slice(0, 40)),
      bodyText: app?.innerText ?? '',
      fieldsRows: document.querySelectorAll('table.fields tr').length,
    };
  });
}

/** How many elements match `selector` in the document of a page or frame. */
export async function countInPage(target: Page | Frame, selector: string): Promise<number> {
  return target.evaluate((sel: string): number => document.querySelectorAll(sel).length, selector);
}

export async function bodyHasClass(target: Page | Frame, name: string): Promise<boolean> {
  return target.evaluate((cls: string): boolean => document.body.classList.contains(cls), name);
}
