import { inputError } from './errors';
import type { Hint } from './hints';

export const DEFAULT_REGION = 'cn-shanghai';

/** The VOD API regions the current SDK knows (vod-api.md); users may still type others. */
export const KNOWN_REGIONS: ReadonlyArray<{ id: string; name: string; nameZh: string }> = [
  { id: 'cn-shanghai', name: 'China (Shanghai)', nameZh: '华东2（上海）' },
  { id: 'cn-beijing', name: 'China (Beijing)', nameZh: '华北2（北京）' },
  { id: 'cn-shenzhen', name: 'China (Shenzhen)', nameZh: '华南1（深圳）' },
  { id: 'cn-hongkong', name: 'China (Hong Kong)', nameZh: '中国香港' },
  { id: 'ap-southeast-1', name: 'Singapore', nameZh: '新加坡' },
  { id: 'ap-southeast-5', name: 'Indonesia (Jakarta)', nameZh: '印度尼西亚（雅加达）' },
  { id: 'ap-northeast-1', name: 'Japan (Tokyo)', nameZh: '日本（东京）' },
  { id: 'ap-south-1', name: 'India (Mumbai)', nameZh: '印度（孟买）' },
  { id: 'us-west-1', name: 'US (Silicon Valley)', nameZh: '美国（硅谷）' },
  { id: 'eu-central-1', name: 'Germany (Frankfurt)', nameZh: '德国（法兰克福）' },
  { id: 'me-central-1', name: 'Saudi Arabia (Riyadh)', nameZh: '沙特（利雅得）' },
  { id: 'cn-north-2-gov-1', name: 'China North 2 Ali Gov 1', nameZh: '华北2 阿里政务云1' },
];

/** Where people most often find a video they looked for in the wrong region. */
const COMMON_REGIONS = ['cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1'];

const REGION_PATTERN = /^[a-z0-9-]+$/;

export function isRegionId(value: string): boolean {
  return REGION_PATTERN.test(value) && value.length <= 40;
}

/** Trims and validates a region id from any source (setting, flag, picker); throws an input error. */
export function checkRegion(value: string): string {
  const region = value.trim();
  if (!isRegionId(region)) throw inputError({ code: 'invalidRegion', value: value.slice(0, 60) });
  return region;
}

/** Other regions to try after a NotFound in `region`, skipping those already tried. */
export function suggestRegions(region: string, tried: readonly string[] = []): string[] {
  return COMMON_REGIONS.filter((r) => r !== region && !tried.includes(r)).slice(0, 3);
}

/** The hint for a video not found: naming the one region and suggesting others, or listing all those checked. */
export function notFoundHint(regions: readonly string[]): Hint {
  const [only] = regions;
  return regions.length === 1 && only !== undefined
    ? { code: 'notFound', region: only, suggestions: suggestRegions(only) }
    : { code: 'notFoundAnywhere', regions: [...regions] };
}

/** `https://vod.<region>.aliyuncs.com`; the SDK serves cn-hangzhou from the Shanghai host. */
export function regionEndpoint(region: string): string {
  const host = region === 'cn-hangzhou' ? 'cn-shanghai' : region;
  return `https://vod.${host}.aliyuncs.com`;
}
