// Real, decodable PNG images the emulator serves at /media/<name>.png, so that clients which fetch
// covers and snapshots get the bytes a CDN would send. Generated in memory (node:zlib only), not committed.
import { deflateSync } from 'node:zlib';

export interface MediaFile {
  contentType: string;
  body: Buffer;
}

type Rgb = readonly [number, number, number];
type Painter = (x: number, y: number, width: number, height: number) => Rgb;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGB rows (each row `width * 3` bytes, without filter bytes) as a PNG. */
export function encodePng(width: number, height: number, rgb: Buffer, level = 9): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour RGB
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgb.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function paint(width: number, height: number, painter: Painter): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = painter(x, y, width, height);
      const i = (y * width + x) * 3;
      rgb[i] = r;
      rgb[i + 1] = g;
      rgb[i + 2] = b;
    }
  }
  return rgb;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

/** A centred "play" triangle over a background, so covers look like video thumbnails. */
function withPlayButton(background: Painter): Painter {
  return (x, y, w, h) => {
    const cx = w / 2;
    const cy = h / 2;
    const size = h / 4;
    const dx = x - (cx - size / 2);
    const inside = dx >= 0 && dx <= size && Math.abs(y - cy) <= (size - dx) / 2 + 0.5;
    return inside ? [255, 255, 255] : background(x, y, w, h);
  };
}

export const THUMBNAIL_WIDTH = 160;
export const THUMBNAIL_HEIGHT = 90;

const PAINTERS: Readonly<Record<string, Painter>> = {
  // Covers
  'cover-example': withPlayButton((_x, y, _w, h) => mix([20, 60, 160], [90, 170, 255], y / h)),
  'cover-sunset': withPlayButton((_x, y, _w, h) => mix([255, 140, 40], [110, 30, 120], y / h)),
  'cover-forest': withPlayButton((x, y) => ((Math.floor(x / 10) + Math.floor(y / 10)) % 2 ? [30, 110, 50] : [60, 160, 80])),
  'cover-ocean': withPlayButton((_x, y) => (Math.floor(y / 6) % 2 ? [0, 120, 140] : [0, 160, 180])),
  'cover-night': withPlayButton((x, _y, w) => mix([10, 10, 30], [60, 60, 110], x / w)),
  // Snapshots
  'snapshot-1': (x, y) => ((x + y) % 16 < 8 ? [200, 40, 40] : [240, 200, 200]),
  'snapshot-2': (x, y, w, h) => (Math.floor(Math.hypot(x - w / 2, y - h / 2) / 6) % 2 ? [90, 90, 90] : [210, 210, 210]),
  'snapshot-3': (x, y) => (x % 20 === 0 || y % 15 === 0 ? [60, 50, 0] : [250, 220, 60]),
  'snapshot-4': (x, y) => ((x % 12) - 6) ** 2 + ((y % 12) - 6) ** 2 < 12 ? [200, 0, 160] : [255, 235, 250],
};

/** Names served as /media/<name>.png (besides `large` and `broken`). */
export const THUMBNAIL_NAMES: readonly string[] = Object.keys(PAINTERS);

/** About 3 MB; for clients that must cap the size of what they download. */
export const LARGE_IMAGE_SIZE = 1024;

const cache = new Map<string, MediaFile>();

function pseudoRandomBytes(length: number): Buffer {
  // xorshift32, so the large image is the same bytes on every run
  const out = Buffer.alloc(length);
  let s = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

function build(name: string): MediaFile | undefined {
  const painter = PAINTERS[name];
  if (painter) {
    const rgb = paint(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, painter);
    return { contentType: 'image/png', body: encodePng(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, rgb) };
  }
  if (name === 'large') {
    // Noise does not compress: level 0 keeps the file at ~3 MB and the build fast.
    const rgb = pseudoRandomBytes(LARGE_IMAGE_SIZE * LARGE_IMAGE_SIZE * 3);
    return { contentType: 'image/png', body: encodePng(LARGE_IMAGE_SIZE, LARGE_IMAGE_SIZE, rgb, 0) };
  }
  if (name === 'broken') {
    // Claims to be a PNG but is not one: clients must not trust Content-Type alone.
    return { contentType: 'image/png', body: Buffer.from('<html><body>not an image</body></html>\n', 'utf8') };
  }
  return undefined;
}

/** The file for `/media/<name>.png`, or undefined when there is no such image. */
export function mediaFile(name: string): MediaFile | undefined {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = build(name);
  if (file) cache.set(name, file);
  return file;
}
