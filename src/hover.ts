import * as vscode from 'vscode';
import { Commands } from './commandIds';
import { Disposable } from './disposable';
import type { VodServices } from './services';
import { isVodError } from './vod/errors';
import { formatBytes, formatDuration, singleLine, statusLook } from './vod/format';
import { formatHint } from './vod/hints';
import type { LookupResult } from './vod/lookup';
import { suggestRegions } from './vod/regions';
import type { VideoInfo } from './vod/schema';
import { type VideoIdMatch, videoIdAt } from './vod/videoId';

/** How long a hover waits for a thumbnail before showing without it (the next hover has it cached). */
const THUMBNAIL_WAIT_MS = 1500;
const ENABLED_COMMANDS = [Commands.showVideoInfo, Commands.copyVideoId, Commands.setCredentials, Commands.searchAllRegions];

/** The VideoId under a position, honouring `vod-lookup-ignore` markers on its line and the line before. */
export function videoIdAtPosition(document: vscode.TextDocument, position: vscode.Position): { match: VideoIdMatch; range: vscode.Range } | undefined {
  const line = document.lineAt(position.line).text;
  const previous = position.line > 0 ? `${document.lineAt(position.line - 1).text}\n` : '';
  const match = videoIdAt(previous + line, previous.length + position.character);
  if (!match || match.start < previous.length) return undefined;
  const start = match.start - previous.length;
  const end = match.end - previous.length;
  return { match: { ...match, start, end }, range: new vscode.Range(position.line, start, position.line, end) };
}

/** API text for a hover: Markdown-escaped by appendText, and HTML-escaped so no tag survives. */
function appendValue(md: vscode.MarkdownString, text: string): void {
  md.appendText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}


function localTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(vscode.env.language);
}

export class VideoHoverProvider implements vscode.HoverProvider {
  constructor(private readonly services: VodServices) {}

  private isExcluded(document: vscode.TextDocument): boolean {
    // Our own log (an output channel) is full of ids: hovering there must not start lookups.
    if (document.uri.scheme === 'output') return true;
    const globs = this.services.settings.hoverExclude;
    return globs.length > 0 && vscode.languages.match(globs.map((pattern) => ({ pattern })), document) > 0;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (token.isCancellationRequested || this.isExcluded(document)) return undefined;
    const found = videoIdAtPosition(document, position);
    if (!found) return undefined;
    const { match, range } = found;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      let result: LookupResult;
      try {
        result = await this.services.lookup.lookup(match.id, { signal: controller.signal });
      } catch (error) {
        if (token.isCancellationRequested || (isVodError(error) && error.kind === 'cancelled')) return undefined;
        return new vscode.Hover(this.errorMarkdown(match.id, error), range);
      }
      if (token.isCancellationRequested) return undefined;
      if (result.kind === 'notFound') return new vscode.Hover(this.notFoundMarkdown(match.id, result.regions), range);
      const cover = await this.services.images.dataUri(result.video.coverUrl ?? result.video.snapshots[0], THUMBNAIL_WAIT_MS);
      if (token.isCancellationRequested) return undefined;
      return new vscode.Hover(this.videoMarkdown(result.video, result.region, cover), range);
    } finally {
      subscription.dispose();
    }
  }

  private markdown(): vscode.MarkdownString {
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = { enabledCommands: ENABLED_COMMANDS };
    md.supportHtml = false;
    return md;
  }

  videoMarkdown(video: VideoInfo, region: string, cover: string | undefined): vscode.MarkdownString {
    const md = this.markdown();
    const look = statusLook(video.status);
    md.appendMarkdown(`$(${look.icon}) **`);
    appendValue(md, singleLine(video.title, 120) || vscode.l10n.t('(untitled)'));
    md.appendMarkdown('**\n\n');
    const facts: string[] = [vscode.l10n.t('Status: {0}', video.status)];
    if (video.auditStatus) facts.push(vscode.l10n.t('Review: {0}', video.auditStatus));
    if (video.duration !== undefined) facts.push(vscode.l10n.t('Duration: {0}', formatDuration(video.duration)));
    if (video.size !== undefined) facts.push(vscode.l10n.t('Size: {0}', formatBytes(video.size)));
    appendValue(md, facts.join(' · '));
    md.appendMarkdown('\n\n');
    const more: string[] = [];
    if (video.creationTime) more.push(vscode.l10n.t('Created: {0}', localTime(video.creationTime)));
    if (video.cateName) more.push(vscode.l10n.t('Category: {0}', singleLine(video.cateName, 60)));
    if (video.tags.length) more.push(vscode.l10n.t('Tags: {0}', singleLine(video.tags.join(', '), 120)));
    more.push(vscode.l10n.t('Region: {0}', region));
    appendValue(md, more.join(' · '));
    md.appendMarkdown('\n\n');
    if (cover) md.appendMarkdown(`![${vscode.l10n.t('thumbnail')}](${cover}|width=192)\n\n`);
    md.appendMarkdown(
      `${commandLink(vscode.l10n.t('Open details'), Commands.showVideoInfo, [video.videoId])} · ${commandLink(vscode.l10n.t('Copy id'), Commands.copyVideoId, [video.videoId])}`,
    );
    return md;
  }

  notFoundMarkdown(id: string, regions: string[]): vscode.MarkdownString {
    const md = this.markdown();
    md.appendMarkdown('$(search) ');
    md.appendText(vscode.l10n.t('No video {0} in {1}.', id, regions.join(', ')));
    const others = suggestRegions(regions[0] ?? '', regions);
    if (others.length) md.appendMarkdown(` ${commandLink(vscode.l10n.t('Search all regions'), Commands.searchAllRegions, [id])}`);
    return md;
  }

  errorMarkdown(id: string, error: unknown): vscode.MarkdownString {
    const md = this.markdown();
    if (isVodError(error) && error.kind === 'credentials' && error.hint.code === 'noCredentials') {
      md.appendMarkdown('$(key) ');
      md.appendText(vscode.l10n.t('VOD Lookup has no credentials to look up {0}.', id));
      md.appendMarkdown(` ${commandLink(vscode.l10n.t('Set AccessKey'), Commands.setCredentials, [])}`);
      return md;
    }
    md.appendMarkdown('$(warning) ');
    appendValue(md, isVodError(error) ? `${formatHint(error.hint, this.services.locale)} (${[error.code, error.requestId].filter(Boolean).join(', ')})` : String(error));
    return md;
  }
}

/** Registers the provider only while `vodLookup.hover.enabled` is on; follows the setting live. */
export class HoverRegistration extends Disposable {
  private registration: vscode.Disposable | undefined;
  readonly provider: VideoHoverProvider;

  constructor(private readonly services: VodServices) {
    super();
    this.provider = new VideoHoverProvider(services);
    this.update();
    this.register(services.onDidChange(() => this.update()));
    this.register({ dispose: () => this.registration?.dispose() });
  }

  get active(): boolean {
    return this.registration !== undefined;
  }

  private update(): void {
    const enabled = this.services.settings.hoverEnabled;
    if (enabled && !this.registration) {
      // Every scheme: files, untitled buffers, remote and virtual files.
      this.registration = vscode.languages.registerHoverProvider({ scheme: '*' }, this.provider);
    } else if (!enabled && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    }
  }
}
