// A deterministic 10 MB file of mixed source text with VideoIds spread through it, and the look-alikes
// that must not match: upper-case MD5s, SHA-1/SHA-256 runs, UUIDs, ids glued to a word, hex dumps,
// CSS colours, base64, Chinese comments, and a few `vod-lookup-ignore` markers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_DIR, ensureBuildDir } from './paths';
import { prng, randomHex } from './stats';

export const CORPUS_BYTES = 10_000_000;
const VERSION = 1;

export interface Corpus {
  file: string;
  bytes: number;
  /** Ids planted standalone (what findVideoIds must find), ignored ones excluded. */
  planted: number;
  /** Planted ids on `vod-lookup-ignore` lines: a plain regex and ripgrep count them, findVideoIds does not. */
  plantedIgnored: number;
}

const WORDS = ['video', 'items', 'result', 'options', 'client', 'region', 'config', 'value', 'index', 'cache', 'title', 'status', 'upload', 'cover', 'render', 'payload'];

export function corpus(): Corpus {
  ensureBuildDir();
  const file = path.join(BUILD_DIR, `corpus-v${VERSION}-${CORPUS_BYTES}.txt`);
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    const known = JSON.parse(fs.readFileSync(meta, 'utf8')) as Corpus;
    if (known.bytes === fs.statSync(file).size) return { ...known, file };
  }
  const rand = prng(0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const word = () => pick(WORDS);
  const id = () => randomHex(rand, 32);
  let planted = 0;
  let plantedIgnored = 0;
  const lines: string[] = [];
  let bytes = 0;
  // Each kind of line with its weight; the ones holding a standalone id count it.
  const kinds: Array<[number, () => string]> = [
    [30, () => `    const ${word()}${Math.floor(rand() * 100)} = ${word()}.${word()}(${word()}, ${Math.floor(rand() * 1000)});`],
    [12, () => `    if (${word()}.length > ${Math.floor(rand() * 64)} && !${word()}.${word()}) return ${word()}.map((x) => x.${word()});`],
    [10, () => `  "${word()}": "${word()} ${word()} ${word()}", "size": ${Math.floor(rand() * 1e8)},`],
    [8, () => `${new Date(1_700_000_000_000 + Math.floor(rand() * 1e10)).toISOString()} INFO [${randomHex(rand, 8).toUpperCase()}] ${word()} ${word()} done in ${Math.floor(rand() * 500)} ms`],
    [6, () => `// ${word()} ${word()} ${word()}: see the ${word()} docs before changing the ${word()}`],
    [4, () => `// 视频上传完成后回调：${word()} 与 ${word()} 需要一致`],
    [3, () => `  background: #${randomHex(rand, 6)}; color: #${randomHex(rand, 3)}; border: 1px solid #${randomHex(rand, 6)};`],
    [3, () => `  ${Array.from({ length: 12 }, () => `0x${randomHex(rand, 2)}`).join(', ')},`],
    [3, () => `  "integrity": "sha512-${Buffer.from(randomHex(rand, 48), 'hex').toString('base64')}",`],
    [2, () => `commit ${randomHex(rand, 40)}\nAuthor: dev <dev@example.com>`],
    [2, () => `  "sha256": "${randomHex(rand, 64)}",`],
    [2, () => `  const requestId = '${randomHex(rand, 8)}-${randomHex(rand, 4)}-${randomHex(rand, 4)}-${randomHex(rand, 4)}-${randomHex(rand, 12)}';`],
    [2, () => `  https://cdn.example.com/media/${randomHex(rand, 32).toUpperCase()}.mp4?auth_key=${Math.floor(rand() * 1e10)}`],
    [2, () => `  const key = 'vid_${id()}'; const other = '${id()}x';`],
    // Standalone ids: the ones to find.
    [3, () => (planted++, `    const videoId = '${id()}'; // ${word()}`)],
    [2, () => (planted++, `  "VideoId": "${id()}",`)],
    [1, () => ((planted += 2), `  ${word()}(${id()}, ${id()});`)],
    [1, () => (planted++, `// 视频 ${id()} 已转码`)],
    [0.05, () => (plantedIgnored++, `  const fixture = '${id()}'; // vod-lookup-ignore`)],
  ];
  const total = kinds.reduce((a, [w]) => a + w, 0);
  while (bytes < CORPUS_BYTES) {
    let r = rand() * total;
    let make = (kinds[0] as [number, () => string])[1];
    for (const [w, f] of kinds) {
      if ((r -= w) < 0) {
        make = f;
        break;
      }
    }
    const line = make();
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const result: Corpus = { file, bytes: fs.statSync(file).size, planted, plantedIgnored };
  fs.writeFileSync(meta, JSON.stringify(result));
  return result;
}
