import * as vscode from 'vscode';
import { Disposable } from './disposable';

const KEY = 'vodLookup.accessKey';

export interface StoredAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

function parse(raw: string | undefined): StoredAccessKey | undefined {
  if (!raw) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    if (typeof o.accessKeyId !== 'string' || typeof o.accessKeySecret !== 'string' || !o.accessKeyId || !o.accessKeySecret) return undefined;
    return {
      accessKeyId: o.accessKeyId,
      accessKeySecret: o.accessKeySecret,
      ...(typeof o.securityToken === 'string' && o.securityToken ? { securityToken: o.securityToken } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The AccessKey the user set in VS Code, kept in SecretStorage (the OS keychain), never in settings. */
export class AccessKeyStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this.register(
      secrets.onDidChange((e) => {
        if (e.key === KEY) void this.refreshContext().then(() => this.changed.fire());
      }),
    );
    void this.refreshContext();
  }

  async get(): Promise<StoredAccessKey | undefined> {
    return parse(await this.secrets.get(KEY));
  }

  async set(key: StoredAccessKey): Promise<void> {
    await this.secrets.store(KEY, JSON.stringify(key));
    await this.refreshContext();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
    await this.refreshContext();
  }

  private async refreshContext(): Promise<void> {
    const has = (await this.get()) !== undefined;
    await vscode.commands.executeCommand('setContext', 'vodLookup.hasStoredCredentials', has);
  }
}
