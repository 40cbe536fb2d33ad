// The video panel's own script (bundled to media/panel.js). It builds the DOM with textContent and
// attributes only: no API value ever reaches the page as HTML.
import type { FromWebview, PanelField, PanelLabels, PanelState, PanelVideo, PersistedPanelState, ToWebview } from '../protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PersistedPanelState | undefined;
  setState(state: PersistedPanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let locale = 'en';

type Child = Node | string | undefined | false;

/**
 * Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) let a title display as something
 * it is not; they are removed. Right-to-left text itself is kept, shown with dir="auto".
 */
function clean(text: string): string {
  return text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, clean(v));
  for (const c of children) if (c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(clean(c)) : c);
  return el;
}

function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

function button(label: string, iconName: string, message: FromWebview, primary = false): HTMLButtonElement {
  const b = h('button', { type: 'button', class: primary ? 'primary' : 'secondary', 'data-action': message.type }, icon(iconName), h('span', {}, label));
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

function formatTime(iso: string, labels: PanelLabels): HTMLElement {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return h('span', {}, iso);
  const local = d.toLocaleString(locale === 'zh-cn' ? 'zh-CN' : undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return h('time', { datetime: d.toISOString(), title: `${d.toISOString().replace('.000Z', 'Z')} ${labels.utc}` }, local);
}

function fieldValue(f: PanelField, labels: PanelLabels): HTMLElement {
  switch (f.kind) {
    case 'time':
      return formatTime(f.value, labels);
    case 'code':
      return h('code', {}, f.value);
    case 'pre':
      return h('pre', {}, f.value);
    case 'url':
      // Shown, selectable and copyable, but not a link: a webview link would leave the editor.
      return h('code', { class: 'url' }, f.value);
    default:
      return h('span', {}, f.value);
  }
}

function statusBadge(v: PanelVideo): HTMLElement {
  return h('span', { class: `badge tone-${v.statusTone}`, role: 'status', 'data-status': v.status }, icon(v.statusIcon), h('span', {}, v.status));
}

function renderFound(v: PanelVideo, labels: PanelLabels): HTMLElement {
  const cover = v.cover
    ? h('img', { class: 'cover', src: v.cover, alt: v.title || labels.untitled })
    : h('div', { class: 'cover placeholder', role: 'img', 'aria-label': labels.noCover }, icon('device-camera-video'), h('span', {}, labels.noCover));
  const header = h(
    'header',
    {},
    cover,
    h(
      'div',
      { class: 'heading' },
      h('h1', { id: 'title', dir: 'auto' }, v.title || labels.untitled),
      h('div', { class: 'badges' }, statusBadge(v), v.auditStatus ? h('span', { class: `badge tone-${v.auditStatus === 'Blocked' ? 'failed' : 'ok'}` }, icon(v.auditStatus === 'Blocked' ? 'circle-slash' : 'shield'), h('span', {}, v.auditStatus)) : undefined),
      v.tags.length ? h('ul', { class: 'chips', 'aria-label': labels.tags }, ...v.tags.map((t) => h('li', { class: 'chip' }, t))) : undefined,
      v.autoRefreshSeconds ? h('p', { class: 'auto-refresh' }, icon('sync'), ' ', labels.autoRefresh.replace('{0}', String(v.autoRefreshSeconds))) : undefined,
      h('div', { class: 'actions' }, button(labels.refresh, 'refresh', { type: 'video/refresh' }, true), button(labels.copyId, 'copy', { type: 'video/copyId' }), button(labels.copyJson, 'json', { type: 'video/copyJson' })),
    ),
  );
  const description = v.description ? h('p', { class: 'description', dir: 'auto' }, v.description) : undefined;
  const gallery = v.snapshots.length
    ? h(
        'section',
        { 'aria-label': labels.snapshots },
        h('h2', {}, labels.snapshots),
        h('div', { class: 'gallery' }, ...v.snapshots.map((s, i) => (s ? h('img', { src: s, alt: `${labels.snapshots} ${i + 1}`, tabindex: '0' }) : h('div', { class: 'placeholder', role: 'img', 'aria-label': labels.imageUnavailable }, icon('file-media'))))),
      )
    : undefined;
  const table = h('table', { class: 'fields' }, h('tbody', {}, ...v.fields.map((f) => h('tr', {}, h('th', { scope: 'row' }, f.label), h('td', {}, fieldValue(f, labels))))));
  return h('article', { class: 'video', 'data-video-id': v.videoId }, header, description, gallery, h('section', { 'aria-label': labels.details }, h('h2', {}, labels.details), table));
}

function renderMessage(kind: 'notFound' | 'error', title: string, message: string, videoId: string, actions: HTMLElement[], extra?: string): HTMLElement {
  return h(
    'section',
    { class: `message ${kind}`, role: 'alert' },
    h('h1', {}, icon(kind === 'notFound' ? 'search' : 'error'), ' ', title),
    h('p', {}, h('code', {}, videoId)),
    h('p', { class: 'hint' }, message),
    extra ? h('p', { class: 'muted' }, extra) : undefined,
    h('div', { class: 'actions' }, ...actions),
  );
}

function render(state: PanelState, labels: PanelLabels): void {
  let content: HTMLElement;
  switch (state.kind) {
    case 'empty':
      content = h('p', { class: 'muted' }, labels.empty);
      break;
    case 'loading':
      content = h('section', { class: 'loading', 'aria-busy': 'true' }, icon('loading codicon-modifier-spin'), ' ', labels.loading, ' ', h('code', {}, state.videoId));
      break;
    case 'found':
      content = renderFound(state.video, labels);
      break;
    case 'notFound':
      content = renderMessage('notFound', labels.notFound, state.message, state.videoId, [button(labels.searchAllRegions, 'globe', { type: 'video/searchAllRegions' }, true), button(labels.retry, 'refresh', { type: 'video/refresh' })]);
      break;
    case 'error':
      content = renderMessage('error', labels.error, state.message, state.videoId, [button(labels.retry, 'refresh', { type: 'video/refresh' }, true)], state.requestId ? `${labels.requestId}: ${state.requestId}` : undefined);
      break;
  }
  app.replaceChildren(content);
  app.dataset.state = state.kind;
  if ('videoId' in state) vscode.setState({ videoId: state.videoId });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as ToWebview | undefined;
  if (!data || data.type !== 'video/didChange') return;
  locale = data.locale;
  render(data.state, data.labels);
});

vscode.postMessage({ type: 'webview/ready' });
