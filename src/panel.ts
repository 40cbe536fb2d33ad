import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { FromWebview, PanelField, PanelLabels, PanelState, PanelVideo, PersistedPanelState, ToWebview } from './protocol';
import { isFromWebview } from './protocol';
import type { VodServices } from './services';
import { isVodError } from './vod/errors';
import { formatBytes, formatDuration, isInProgress, prettyUserData, statusLook } from './vod/format';
import { formatHint } from './vod/hints';
import type { LookupOptions } from './vod/lookup';
import { KNOWN_REGIONS, notFoundHint } from './vod/regions';
import type { VideoInfo } from './vod/schema';

const MAX_SNAPSHOTS = 12;
const IMAGES_WAIT_MS = 4000;
/** While a video is uploading or transcoding: first refresh after 5 s, then 1.5 times longer, up to a minute. */
const AUTO_REFRESH_FIRST_S = 5;
const AUTO_REFRESH_MAX_S = 60;

function labels(): PanelLabels {
  const t = vscode.l10n.t;
  return {
    refresh: t('Refresh'),
    copyId: t('Copy id'),
    copyJson: t('Copy JSON'),
    searchAllRegions: t('Search all regions'),
    retry: t('Retry'),
    loading: t('Loading…'),
    notFound: t('Video not found'),
    error: t('Could not load the video'),
    snapshots: t('Snapshots'),
    tags: t('Tags'),
    details: t('Details'),
    noCover: t('No thumbnail'),
    imageUnavailable: t('Image unavailable'),
    autoRefresh: t('Refreshing every {0} s while the video is processed'),
    utc: t('UTC'),
    empty: t('Run "VOD: Show Video Info" to look up a video.'),
    requestId: t('RequestId'),
    untitled: t('(untitled)'),
  };
}

/** Every field of VideoInfo as a row: the API page's fields and the rest; missing ones show as "—". */
export function videoFields(video: VideoInfo, region: string): PanelField[] {
  const t = vscode.l10n.t;
  const rows: Array<[string, string | number | undefined, PanelField['kind']]> = [
    ['VideoId', video.videoId, 'code'],
    [t('Title'), video.title, 'text'],
    [t('Status'), video.status, 'text'],
    [t('Review status'), video.auditStatus, 'text'],
    [t('Duration'), video.duration !== undefined ? `${formatDuration(video.duration)} (${video.duration} s)` : undefined, 'text'],
    [t('Size'), video.size !== undefined ? `${formatBytes(video.size)} (${video.size.toLocaleString('en-US')} bytes)` : undefined, 'text'],
    [t('Created'), video.creationTime, 'time'],
    [t('Modified'), video.modificationTime, 'time'],
    [t('Category'), video.cateName, 'text'],
    [t('Category id'), video.cateId, 'code'],
    [t('Tags'), video.tags.join(', ') || undefined, 'text'],
    ['AppId', video.appId, 'code'],
    ['RegionId', video.regionId ?? region, 'code'],
    ['StorageLocation', video.storageLocation, 'code'],
    ['StorageClass', video.storageClass, 'text'],
    ['TemplateGroupId', video.templateGroupId, 'code'],
    ['ReferenceId', video.referenceId, 'code'],
    ['DownloadSwitch', video.downloadSwitch, 'text'],
    ['RestoreStatus', video.restoreStatus, 'text'],
    ['RestoreExpiration', video.restoreExpiration, 'time'],
    ['CoverURL', video.coverUrl, 'url'],
    [t('Snapshots'), String(video.snapshots.length), 'text'],
    ['UserData', prettyUserData(video.userData), 'pre'],
  ];
  const fields: PanelField[] = rows.map(([label, value, kind]) => ({ label, value: value === undefined || value === '' ? '—' : String(value), kind: value === undefined ? 'text' : kind }));
  for (const [key, value] of Object.entries(video.extra)) fields.push({ label: key, value, kind: 'text' });
  return fields;
}

function nonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The one reusable video panel: shows a video, refreshes it while it is processed, survives a reload. */
export class VideoPanel extends Disposable {
  static readonly viewType = 'vodLookup.videoPanel';
  private static instance: VideoPanel | undefined;

  private state: PanelState = { kind: 'empty' };
  private video: VideoInfo | undefined;
  private loadController: AbortController | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshSeconds = AUTO_REFRESH_FIRST_S;
  private readonly stateChanged = this.register(new vscode.EventEmitter<PanelState>());
  /** For tests and the status bar: fires after every state the panel is sent. */
  readonly onDidChangeState = this.stateChanged.event;

  static get current(): VideoPanel | undefined {
    return VideoPanel.instance;
  }

  /** Opens (or reuses) the panel and loads a video into it. */
  static async show(services: VodServices, extensionUri: vscode.Uri, videoId: string, options: LookupOptions = {}): Promise<VideoPanel> {
    let panel = VideoPanel.instance;
    if (panel) panel.panel.reveal(undefined, false);
    else {
      const webviewPanel = vscode.window.createWebviewPanel(VideoPanel.viewType, vscode.l10n.t('Video {0}', videoId.slice(0, 8)), vscode.ViewColumn.Beside, VideoPanel.webviewOptions(extensionUri));
      panel = new VideoPanel(webviewPanel, services, extensionUri);
    }
    await panel.load(videoId, options);
    return panel;
  }

  /** Restores the panel after a window reload (the serializer). */
  static revive(webviewPanel: vscode.WebviewPanel, services: VodServices, extensionUri: vscode.Uri, persisted: PersistedPanelState | undefined): VideoPanel {
    VideoPanel.instance?.dispose();
    webviewPanel.webview.options = VideoPanel.webviewOptions(extensionUri);
    const panel = new VideoPanel(webviewPanel, services, extensionUri);
    const id = persisted?.videoId;
    if (typeof id === 'string' && /^[0-9a-f]{32}$/.test(id)) void panel.load(id);
    return panel;
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: VodServices,
    private readonly extensionUri: vscode.Uri,
  ) {
    super();
    VideoPanel.instance = this;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html();
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)));
    this.register(panel.onDidChangeViewState(() => this.post()));
  }

  override dispose(): void {
    if (VideoPanel.instance === this) VideoPanel.instance = undefined;
    this.loadController?.abort();
    this.stopAutoRefresh();
    super.dispose();
    this.panel.dispose();
  }

  get currentState(): PanelState {
    return this.state;
  }

  get currentVideoId(): string | undefined {
    return 'videoId' in this.state ? this.state.videoId : undefined;
  }

  /** Loads a video; a newer load (or the caller's signal) abandons this one. */
  async load(videoId: string, options: LookupOptions & { quiet?: boolean } = {}): Promise<PanelState> {
    this.loadController?.abort();
    this.stopAutoRefresh();
    const controller = new AbortController();
    this.loadController = controller;
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.panel.title = vscode.l10n.t('Video {0}', videoId.slice(0, 8));
    if (!options.quiet) this.setState({ kind: 'loading', videoId });
    try {
      const result = await this.services.lookup.lookup(videoId, { ...options, signal: controller.signal });
      if (controller.signal.aborted) return this.state;
      if (result.kind === 'notFound') {
        this.video = undefined;
        const message = formatHint(notFoundHint(result.regions), this.services.locale);
        return this.setState({ kind: 'notFound', videoId, message, regions: result.regions });
      }
      const video = await this.toPanelVideo(result.video, result.region, result.fetchedAt);
      if (controller.signal.aborted) return this.state;
      this.video = result.video;
      const state = this.setState({ kind: 'found', videoId, video });
      this.panel.title = video.title ? video.title.slice(0, 40) : vscode.l10n.t('Video {0}', videoId.slice(0, 8));
      if (isInProgress(result.video)) this.scheduleAutoRefresh(videoId);
      else this.refreshSeconds = AUTO_REFRESH_FIRST_S;
      return state;
    } catch (error) {
      if (controller.signal.aborted && !(options.signal?.aborted ?? false)) return this.state;
      const cancelled = isVodError(error) && error.kind === 'cancelled';
      return this.setState({
        kind: 'error',
        videoId,
        message: cancelled ? vscode.l10n.t('The lookup was cancelled.') : this.services.describe(error),
        code: isVodError(error) ? error.code : 'Error',
        ...(isVodError(error) && error.requestId ? { requestId: error.requestId } : {}),
      });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (this.loadController === controller) this.loadController = undefined;
    }
  }

  private async toPanelVideo(video: VideoInfo, region: string, fetchedAt: number): Promise<PanelVideo> {
    const images = this.services.images;
    const [cover, ...snapshots] = await Promise.all([
      images.dataUri(video.coverUrl, IMAGES_WAIT_MS),
      ...video.snapshots.slice(0, MAX_SNAPSHOTS).map((u) => images.dataUri(u, IMAGES_WAIT_MS)),
    ]);
    const look = statusLook(video.status);
    return {
      videoId: video.videoId,
      title: video.title,
      ...(video.description !== undefined ? { description: video.description } : {}),
      status: video.status,
      statusTone: look.tone,
      statusIcon: look.icon,
      ...(video.auditStatus !== undefined ? { auditStatus: video.auditStatus } : {}),
      tags: video.tags,
      ...(cover ? { cover } : {}),
      snapshots,
      fields: videoFields(video, region),
      region,
      fetchedAt,
      ...(isInProgress(video) ? { autoRefreshSeconds: Math.round(this.refreshSeconds) } : {}),
    };
  }

  private scheduleAutoRefresh(videoId: string): void {
    const delay = this.refreshSeconds;
    this.refreshSeconds = Math.min(AUTO_REFRESH_MAX_S, this.refreshSeconds * 1.5);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      // Paused while the panel is hidden: no requests for a video nobody is looking at.
      if (!this.panel.visible) {
        this.refreshSeconds = delay;
        this.scheduleAutoRefresh(videoId);
        return;
      }
      void this.load(videoId, { force: true, quiet: true });
    }, delay * 1000);
  }

  private stopAutoRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private setState(state: PanelState): PanelState {
    this.state = state;
    this.post();
    this.stateChanged.fire(state);
    return state;
  }

  private post(): void {
    const message: ToWebview = { type: 'video/didChange', state: this.state, labels: labels(), locale: vscode.env.language };
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isFromWebview(message)) return;
    const m: FromWebview = message;
    const id = this.currentVideoId;
    switch (m.type) {
      case 'webview/ready':
        this.post();
        return;
      case 'video/refresh':
        if (id) await this.load(id, { force: true });
        return;
      case 'video/copyId':
        if (id) {
          await vscode.env.clipboard.writeText(id);
          void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
        }
        return;
      case 'video/copyJson':
        if (this.video) {
          await vscode.env.clipboard.writeText(JSON.stringify(this.video, null, 2));
          void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the video as JSON'), 3000);
        }
        return;
      case 'video/searchAllRegions':
        if (id) await this.load(id, { force: true, regions: KNOWN_REGIONS.map((r) => r.id) });
        return;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    const n = nonce();
    const csp = [
      "default-src 'none'",
      `img-src data: ${webview.cspSource}`,
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${n}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="${vscode.env.language === 'zh-cn' ? 'zh-CN' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${media('codicon.css')}" rel="stylesheet">
<link href="${media('panel.css')}" rel="stylesheet">
<title>VOD</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${n}" src="${media('panel.js')}"></script>
</body>
</html>`;
  }
}

export class VideoPanelSerializer implements vscode.WebviewPanelSerializer<PersistedPanelState> {
  constructor(
    private readonly services: VodServices,
    private readonly extensionUri: vscode.Uri,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PersistedPanelState | undefined): Promise<void> {
    VideoPanel.revive(panel, this.services, this.extensionUri, state);
  }
}
