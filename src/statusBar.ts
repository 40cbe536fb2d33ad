import * as vscode from 'vscode';
import { Commands } from './commandIds';
import { Disposable } from './disposable';
import type { VodServices } from './services';
import { describeCredentials } from './vod/credentials';
import { isVodError } from './vod/errors';

/** Shows the region and where the credentials come from; a click offers the actions. */
export class VodStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('vodLookup.status', vscode.StatusBarAlignment.Right, 90));
  private generation = 0;

  constructor(private readonly services: VodServices) {
    super();
    this.item.name = 'VOD Lookup';
    this.item.command = Commands.statusBarActions;
    this.register(services.onDidChange(() => void this.update()));
    void this.update();
    this.item.show();
  }

  /** The text last shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const region = this.services.settings.region;
    let source: string;
    let ok = true;
    try {
      const c = await this.services.credentials();
      source = describeCredentials(c);
    } catch (e) {
      ok = false;
      source = isVodError(e) && e.hint.code === 'noCredentials' ? vscode.l10n.t('no credentials') : this.services.describe(e);
    }
    if (generation !== this.generation) return;
    this.item.text = `$(${ok ? 'device-camera-video' : 'warning'}) VOD ${region}`;
    this.item.tooltip = `${vscode.l10n.t('VOD Lookup: region {0}', region)}\n${vscode.l10n.t('Credentials: {0}', source)}${this.services.settings.endpoint ? `\n${vscode.l10n.t('Endpoint: {0}', this.services.settings.endpoint)}` : ''}`;
    this.item.backgroundColor = ok ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
  }
}
