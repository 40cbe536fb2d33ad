import * as vscode from 'vscode';
import type { SignatureVersion } from './vod/signing';
import { DEFAULT_REGION, isRegionId } from './vod/regions';

export const SECTION = 'vodLookup';

/** Every setting, read and checked in one place. */
export interface Settings {
  region: string;
  fallbackRegions: string[];
  endpoint: string | undefined;
  profile: string | undefined;
  signatureVersion: SignatureVersion;
  hoverEnabled: boolean;
  hoverExclude: string[];
  ttlSeconds: number;
  notFoundTtlSeconds: number;
  requestTimeoutSeconds: number;
  maxRequestsPerSecond: number;
  /** Settings that were ignored because they were invalid, to tell the user once. */
  problems: string[];
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const problems: string[] = [];
  let region = (c.get<string>('region') ?? DEFAULT_REGION).trim() || DEFAULT_REGION;
  if (!isRegionId(region)) {
    problems.push(vscode.l10n.t('Ignoring the region "{0}": a region id looks like cn-shanghai.', region.slice(0, 40)));
    region = DEFAULT_REGION;
  }
  const fallbackRegions: string[] = [];
  for (const r of c.get<unknown[]>('fallbackRegions') ?? []) {
    const value = typeof r === 'string' ? r.trim() : '';
    if (isRegionId(value)) {
      if (value !== region && !fallbackRegions.includes(value)) fallbackRegions.push(value);
    } else problems.push(vscode.l10n.t('Ignoring the fallback region "{0}": a region id looks like cn-shanghai.', String(r).slice(0, 40)));
  }
  const signature = c.get<string>('signatureVersion');
  return {
    region,
    fallbackRegions,
    endpoint: c.get<string>('endpoint')?.trim() || undefined,
    profile: c.get<string>('profile')?.trim() || undefined,
    signatureVersion: signature === 'v1' ? 'v1' : 'v3',
    hoverEnabled: c.get<boolean>('hover.enabled') ?? true,
    hoverExclude: (c.get<unknown[]>('hover.exclude') ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== ''),
    ttlSeconds: clamp(c.get('cache.ttlSeconds'), 0, 86_400, 300),
    notFoundTtlSeconds: clamp(c.get('cache.notFoundTtlSeconds'), 0, 86_400, 60),
    requestTimeoutSeconds: clamp(c.get('requestTimeoutSeconds'), 1, 120, 10),
    maxRequestsPerSecond: clamp(c.get('maxRequestsPerSecond'), 1, 100, 20),
    problems,
  };
}
