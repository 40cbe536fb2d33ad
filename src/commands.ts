import * as vscode from 'vscode';
import { Commands } from './commandIds';
import { videoIdAtPosition } from './hover';
import { VideoPanel } from './panel';
import type { VodServices } from './services';
import { describeCredentials, listProfiles, nodeCredentialEnvironment } from './vod/credentials';
import { isVodError } from './vod/errors';
import { KNOWN_REGIONS, isRegionId } from './vod/regions';
import { isVideoId } from './vod/videoId';


const EXAMPLE_ID = '93ab850b4f6f44eab54b6e91d24d81d4';

/** The id to show: an argument (hover link), the selection, the id at the cursor, else undefined. */
export function idFromEditor(editor: vscode.TextEditor | undefined): string | undefined {
  if (!editor) return undefined;
  const selected = editor.document.getText(editor.selection).trim();
  if (isVideoId(selected)) return selected;
  return videoIdAtPosition(editor.document, editor.selection.active)?.match.id;
}

function validateId(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return isVideoId(v) ? undefined : vscode.l10n.t('A VideoId is 32 lower-case hexadecimal characters, like {0}.', EXAMPLE_ID);
}

async function askForId(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Show Video Info'),
    prompt: vscode.l10n.t('The VideoId to look up'),
    placeHolder: EXAMPLE_ID,
    validateInput: (v) => (v.trim() && validateId(v) ? { message: validateId(v) ?? '', severity: vscode.InputBoxValidationSeverity.Error } : undefined),
    ignoreFocusOut: true,
  });
  const id = value?.trim();
  return id && isVideoId(id) ? id : undefined;
}

async function updateSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('vodLookup');
  const inspect = config.inspect(key);
  // Write where the user already set it (a trusted workspace may pin a region), else globally.
  const target =
    inspect?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspect?.workspaceValue !== undefined && vscode.workspace.isTrusted
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

export function registerCommands(services: VodServices, extensionUri: vscode.Uri): vscode.Disposable[] {
  const t = vscode.l10n.t;

  const showVideoInfo = async (arg?: unknown, options: { regions?: string[] } = {}) => {
    const fromArg = typeof arg === 'string' ? arg.trim() : undefined;
    if (fromArg !== undefined && !isVideoId(fromArg)) {
      void vscode.window.showErrorMessage(validateId(fromArg) ?? t('Not a VideoId.'));
      return undefined;
    }
    const id = fromArg ?? idFromEditor(vscode.window.activeTextEditor) ?? (await askForId());
    if (!id) return undefined;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Looking up video {0}…', id), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          const panel = await VideoPanel.show(services, extensionUri, id, { signal: controller.signal, ...(options.regions ? { regions: options.regions, force: true } : {}) });
          return panel.currentState;
        } finally {
          sub.dispose();
        }
      },
    );
  };

  const setCredentials = async (arg?: unknown) => {
    // Scripts (and the integration tests) may pass the key instead of typing it.
    if (typeof arg === 'object' && arg !== null) {
      const { accessKeyId, accessKeySecret, securityToken } = arg as Record<string, unknown>;
      if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string' || !accessKeyId.trim() || !accessKeySecret.trim()) return false;
      await services.accessKeys.set({
        accessKeyId: accessKeyId.trim(),
        accessKeySecret: accessKeySecret.trim(),
        ...(typeof securityToken === 'string' && securityToken.trim() ? { securityToken: securityToken.trim() } : {}),
      });
      return true;
    }
    const accessKeyId = await vscode.window.showInputBox({
      title: t('Set AccessKey (1/3)'),
      prompt: t('AccessKey ID'),
      placeHolder: 'LTAI…',
      ignoreFocusOut: true,
      validateInput: (v) => (/^[A-Za-z0-9.]{8,128}$/.test(v.trim()) ? undefined : t('An AccessKey ID is letters and digits, such as LTAI5t…')),
    });
    if (!accessKeyId) return false;
    const accessKeySecret = await vscode.window.showInputBox({
      title: t('Set AccessKey (2/3)'),
      prompt: t('AccessKey secret (kept in VS Code secret storage, never in settings)'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim().length >= 8 ? undefined : t('The AccessKey secret is too short.')),
    });
    if (!accessKeySecret) return false;
    const securityToken = await vscode.window.showInputBox({
      title: t('Set AccessKey (3/3)'),
      prompt: t('STS security token (optional: leave empty for a permanent AccessKey)'),
      password: true,
      ignoreFocusOut: true,
    });
    if (securityToken === undefined) return false;
    await services.accessKeys.set({
      accessKeyId: accessKeyId.trim(),
      accessKeySecret: accessKeySecret.trim(),
      ...(securityToken.trim() ? { securityToken: securityToken.trim() } : {}),
    });
    services.log.info(`AccessKey ${describeCredentials({ accessKeyId: accessKeyId.trim(), accessKeySecret: '', source: 'VS Code secret storage' })} stored`);
    const action = await vscode.window.showInformationMessage(t('AccessKey saved in VS Code secret storage.'), t('Test Connection'));
    if (action) await vscode.commands.executeCommand(Commands.testConnection);
    return true;
  };

  const clearCredentials = async () => {
    await services.accessKeys.clear();
    services.log.info('stored AccessKey removed');
    void vscode.window.showInformationMessage(t('The stored AccessKey was removed.'));
  };

  const selectRegion = async (arg?: unknown) => {
    let region = typeof arg === 'string' ? arg : undefined;
    if (!region) {
      const current = services.settings.region;
      const zh = services.locale === 'zh-cn';
      const items: Array<vscode.QuickPickItem & { id: string }> = KNOWN_REGIONS.map((r) => ({
        id: r.id,
        label: r.id,
        description: zh ? r.nameZh : r.name,
        ...(r.id === current ? { detail: t('current region') } : {}),
        picked: r.id === current,
      }));
      const pick = await vscode.window.showQuickPick(items, { title: t('Select the VOD region'), placeHolder: current, matchOnDescription: true });
      region = pick?.id;
    }
    if (!region) return undefined;
    if (!isRegionId(region)) {
      void vscode.window.showErrorMessage(t('"{0}" is not a region id (expected something like cn-shanghai).', region.slice(0, 40)));
      return undefined;
    }
    await updateSetting('region', region);
    return region;
  };

  const selectProfile = async (arg?: unknown) => {
    if (typeof arg === 'string') {
      await updateSetting('profile', arg.trim());
      return arg.trim();
    }
    const profiles = await listProfiles(nodeCredentialEnvironment()).catch((e: unknown) => {
      void vscode.window.showErrorMessage(services.describe(e));
      return undefined;
    });
    if (!profiles) return undefined;
    const none: vscode.QuickPickItem & { name: string } = { name: '', label: t('(none: use the default chain)'), description: t('SecretStorage, environment, aliyun CLI current profile, ~/.alibabacloud/credentials') };
    const items = [
      none,
      ...profiles.map((p) => ({
        name: p.name,
        label: p.name,
        description: `${p.mode} · ${p.source === 'aliyun-cli' ? '~/.aliyun/config.json' : '~/.alibabacloud/credentials'}${p.current ? ` · ${t('current')}` : ''}`,
        ...(p.supported ? {} : { detail: t('This mode is not supported yet') }),
      })),
    ];
    if (profiles.length === 0) none.detail = t('No aliyun CLI or credentials-file profiles were found.');
    const pick = await vscode.window.showQuickPick(items, { title: t('Select the credential profile') });
    if (!pick) return undefined;
    await updateSetting('profile', pick.name);
    return pick.name;
  };

  const testConnection = async () => {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Testing the connection to ApsaraVideo VOD…'), cancellable: true }, async (_p, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        const credentials = await services.credentials();
        // A made-up id: a signed call that reaches the API answers NotFound, which proves the key works.
        const probe = '00000000000000000000000000000000';
        try {
          await services.rawClient().getVideoInfo(probe, { signal: controller.signal });
        } catch (e) {
          if (!(isVodError(e) && e.code === 'InvalidVideo.NotFound')) throw e;
        }
        const message = t('Connected to ApsaraVideo VOD in {0} with {1}.', services.settings.region, describeCredentials(credentials));
        services.log.info(message);
        void vscode.window.showInformationMessage(message);
        return { ok: true as const, message };
      } catch (e) {
        const message = services.describe(e);
        services.log.error(`test connection failed: ${message}`);
        if (!(isVodError(e) && e.kind === 'cancelled')) void vscode.window.showErrorMessage(message);
        return { ok: false as const, message };
      } finally {
        sub.dispose();
      }
    });
  };

  const copyVideoId = async (arg?: unknown) => {
    const id = typeof arg === 'string' && isVideoId(arg) ? arg : idFromEditor(vscode.window.activeTextEditor);
    if (!id) return;
    await vscode.env.clipboard.writeText(id);
    void vscode.window.setStatusBarMessage(t('Copied {0}', id), 3000);
  };

  const statusBarActions = async () => {
    const items: Array<vscode.QuickPickItem & { command: string }> = [
      { label: `$(globe) ${t('Select Region')}`, description: services.settings.region, command: Commands.selectRegion },
      { label: `$(key) ${t('Set AccessKey')}`, command: Commands.setCredentials },
      { label: `$(account) ${t('Select Credential Profile')}`, description: services.settings.profile ?? '', command: Commands.selectProfile },
      { label: `$(plug) ${t('Test Connection')}`, command: Commands.testConnection },
      { label: `$(output) ${t('Show Log')}`, command: Commands.showLog },
    ];
    if (await services.accessKeys.get()) items.splice(2, 0, { label: `$(trash) ${t('Clear AccessKey')}`, command: Commands.clearCredentials });
    const pick = await vscode.window.showQuickPick(items, { title: 'VOD Lookup' });
    if (pick) await vscode.commands.executeCommand(pick.command);
  };

  return [
    vscode.commands.registerCommand(Commands.showVideoInfo, (arg?: unknown) => showVideoInfo(arg)),
    vscode.commands.registerCommand(Commands.searchAllRegions, (arg?: unknown) => showVideoInfo(arg, { regions: KNOWN_REGIONS.map((r) => r.id) })),
    vscode.commands.registerCommand(Commands.setCredentials, setCredentials),
    vscode.commands.registerCommand(Commands.clearCredentials, clearCredentials),
    vscode.commands.registerCommand(Commands.selectRegion, selectRegion),
    vscode.commands.registerCommand(Commands.selectProfile, selectProfile),
    vscode.commands.registerCommand(Commands.testConnection, testConnection),
    vscode.commands.registerCommand(Commands.showLog, () => services.log.show()),
    vscode.commands.registerCommand(Commands.copyVideoId, copyVideoId),
    vscode.commands.registerCommand(Commands.statusBarActions, statusBarActions),
  ];
}
