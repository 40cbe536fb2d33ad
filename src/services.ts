import * as vscode from 'vscode';
import { type Settings, SECTION, readSettings } from './config';
import { Disposable } from './disposable';
import { AccessKeyStore } from './secrets';
import { type CallOptions, type RequestLogEntry, VodClient } from './vod/client';
import { type Credentials, nodeCredentialEnvironment, resolveCredentials } from './vod/credentials';
import { VodError, isVodError } from './vod/errors';
import { type Locale, localeFrom } from './vod/hints';
import { ImageFetcher } from './vod/images';
import { type VideoInfoSource, VideoLookup } from './vod/lookup';

const CREDENTIALS_TTL_MS = 30_000;

/**
 * What every surface shares: the settings, the credentials, the one signed client, the lookup
 * service and the image fetcher. Settings and credential changes apply at once, without a reload.
 */
export class VodServices extends Disposable {
  private current: Settings;
  private client: VodClient | VodError;
  private cachedCredentials: { value: Promise<Credentials>; until: number } | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Settings or credentials changed. */
  readonly onDidChange = this.changed.event;
  readonly lookup: VideoLookup;
  readonly images = new ImageFetcher();
  readonly accessKeys: AccessKeyStore;
  readonly locale: Locale = localeFrom(vscode.env.language);

  constructor(
    secrets: vscode.SecretStorage,
    readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.accessKeys = this.register(new AccessKeyStore(secrets));
    this.current = readSettings();
    this.client = this.makeClient();
    const source: VideoInfoSource = {
      getVideoInfo: (id, call?: CallOptions) => this.activeClient().getVideoInfo(id, call),
      getVideoInfos: (ids, call?: CallOptions) => this.activeClient().getVideoInfos(ids, call),
    };
    this.lookup = new VideoLookup(source, this.lookupSettings());
    this.register({ dispose: () => this.lookup.dispose() });
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.reload();
      }),
    );
    this.register(
      this.accessKeys.onDidChange(() => {
        this.cachedCredentials = undefined;
        this.lookup.clear();
        this.changed.fire();
      }),
    );
    this.reportProblems();
  }

  get settings(): Readonly<Settings> {
    return this.current;
  }

  private reload(): void {
    const before = this.current;
    this.current = readSettings();
    if (before.profile !== this.current.profile) this.cachedCredentials = undefined;
    this.client = this.makeClient();
    this.lookup.configure(this.lookupSettings());
    if (before.endpoint !== this.current.endpoint || before.profile !== this.current.profile || before.signatureVersion !== this.current.signatureVersion)
      this.lookup.clear();
    this.log.info(`settings changed: region=${this.current.region} fallback=[${this.current.fallbackRegions.join(',')}] endpoint=${this.current.endpoint ?? '(default)'} signature=${this.current.signatureVersion}`);
    this.reportProblems();
    this.changed.fire();
  }

  private reported = new Set<string>();

  /** Warns about each invalid setting once, not again on every later settings change. */
  private reportProblems(): void {
    const now = new Set(this.current.problems);
    const fresh = this.current.problems.filter((p) => !this.reported.has(p));
    this.reported = now;
    for (const p of fresh) {
      this.log.warn(p);
      void vscode.window.showWarningMessage(p);
    }
  }

  private lookupSettings() {
    const s = this.current;
    return {
      region: s.region,
      fallbackRegions: s.fallbackRegions,
      ttlMs: s.ttlSeconds * 1000,
      notFoundTtlMs: s.notFoundTtlSeconds * 1000,
      maxRequestsPerSecond: s.maxRequestsPerSecond,
    };
  }

  private makeClient(): VodClient | VodError {
    try {
      return new VodClient({
        credentials: () => this.credentials(),
        region: this.current.region,
        endpoint: this.current.endpoint,
        signatureVersion: this.current.signatureVersion,
        timeoutMs: this.current.requestTimeoutSeconds * 1000,
        onRequest: (e) => this.logRequest(e),
        userAgent: 'vod-lookup-vscode',
      });
    } catch (e) {
      if (!isVodError(e)) throw e;
      this.log.error(e.describe());
      return e;
    }
  }

  private activeClient(): VodClient {
    if (this.client instanceof VodError) throw this.client;
    return this.client;
  }

  private logRequest(e: RequestLogEntry): void {
    const line = `${e.action} region=${e.region} ids=${e.ids.join(',')} attempt=${e.attempt} ${e.signatureVersion} -> ${e.status ?? '-'}${e.code ? ` ${e.code}` : ''} ${e.ms}ms${e.requestId ? ` RequestId=${e.requestId}` : ''}`;
    if (e.code) this.log.warn(line);
    else this.log.info(line);
  }

  /** SecretStorage first, then the core's chain (a named profile before the environment). */
  credentials(): Promise<Credentials> {
    const now = Date.now();
    if (this.cachedCredentials && this.cachedCredentials.until > now) return this.cachedCredentials.value;
    const value = (async () => {
      const stored = await this.accessKeys.get();
      return resolveCredentials(
        {
          explicit: stored ? { ...stored, source: vscode.l10n.t('VS Code secret storage') } : undefined,
          profile: this.current.profile,
        },
        nodeCredentialEnvironment(),
      );
    })();
    this.cachedCredentials = { value, until: now + CREDENTIALS_TTL_MS };
    // A failure is not cached: the user may fix it the next moment.
    value.catch(() => {
      if (this.cachedCredentials?.value === value) this.cachedCredentials = undefined;
    });
    return value;
  }

  /** Describes an error in the UI's language, with its code and RequestId. */
  describe(error: unknown): string {
    if (isVodError(error)) return error.describe(this.locale);
    return error instanceof Error ? error.message : String(error);
  }

  /** A client for one-off calls that must not touch the cache (Test Connection). */
  rawClient(): VodClient {
    return this.activeClient();
  }
}
