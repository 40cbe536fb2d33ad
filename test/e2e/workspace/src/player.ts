// Sample code for the end-to-end suite (test/e2e): VideoIds the VOD emulator knows, and one it does not.
export interface Clip {
  videoId: string;
  label: string;
}

export const clips: Clip[] = [
  { videoId: '9b73864d75f14e5f60d231e9001cd5f8', label: 'intro' }, // the API page's example
  { videoId: 'c6436e5fae66efefeb1b031e5854416e', label: 'launch' }, // 产品发布会 2026
  { videoId: '394fc3523bf88a3992876e1de9538711', label: 'teaser' }, // HTML and command: links in its text
  { videoId: 'b66f4d77ff6d8f5f2f0a1ef98b43871a', label: 'deleted' }, // in no region
];

export function play(clip: Clip): string {
  return `https://player.example.com/embed/${clip.videoId}`;
}
