import * as vscode from 'vscode';
import { idFromEditor, registerCommands } from './commands';
import { HoverRegistration } from './hover';
import { VideoPanel, VideoPanelSerializer } from './panel';
import type { PanelState } from './protocol';
import { VodServices } from './services';
import { VodStatusBar } from './statusBar';

/** What `activate` returns: used by the integration tests, and by anyone scripting the extension. */
export interface VodLookupApi {
  services: VodServices;
  hover: HoverRegistration;
  statusBar: VodStatusBar;
  panelState(): PanelState | undefined;
  /** Restores a panel as VS Code does after a window reload. */
  serializer: VideoPanelSerializer;
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): VodLookupApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('VOD Lookup', { log: true });
  const services = new VodServices(context.secrets, log);
  const hover = new HoverRegistration(services);
  const statusBar = new VodStatusBar(services);
  const serializer = new VideoPanelSerializer(services, context.extensionUri);
  context.subscriptions.push(
    log,
    services,
    hover,
    statusBar,
    ...registerCommands(services, context.extensionUri),
    vscode.window.registerWebviewPanelSerializer(VideoPanel.viewType, serializer),
    { dispose: () => VideoPanel.current?.dispose() },
  );
  const updateCursorContext = cursorContext();
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection((e) => updateCursorContext(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor((e) => updateCursorContext(e)),
  );
  updateCursorContext(vscode.window.activeTextEditor);
  const activationMs = performance.now() - started;
  log.info(`activate() took ${activationMs.toFixed(2)} ms`);
  return { services, hover, statusBar, panelState: () => VideoPanel.current?.currentState, serializer, activationMs };
}

/** `vodLookup.idAtCursor` shows "Show Video Info" in the editor's context menu only on an id; set only when it changes. */
function cursorContext(): (editor: vscode.TextEditor | undefined) => void {
  let last: boolean | undefined;
  return (editor) => {
    const has = idFromEditor(editor) !== undefined;
    if (has === last) return;
    last = has;
    void vscode.commands.executeCommand('setContext', 'vodLookup.idAtCursor', has);
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

