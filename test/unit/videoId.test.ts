import { strict as assert } from 'node:assert';
import {
  LineIndex,
  findVideoIds,
  findVideoIdsInRange,
  isVideoId,
  videoIdAt,
  type VideoIdMatch,
} from '../../src/vod/videoId';

const ID = '93ab850b4f6f44eab54b6e91d24d81d4';
const ID2 = '0123456789abcdef0123456789abcdef';

const ids = (text: string): string[] => findVideoIds(text).map((m) => m.id);

/** The obvious implementation: a regex with look-around, then the ignored lines dropped one by one. */
function reference(text: string): VideoIdMatch[] {
  const lines: Array<{ start: number; end: number; text: string }> = [];
  const brk = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = brk.exec(text); m; m = brk.exec(text)) {
    lines.push({ start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  const ignored = new Set<number>();
  lines.forEach((l, i) => {
    if (/vod-lookup-ignore(?!-next-line)/.test(l.text)) ignored.add(i);
    if (l.text.includes('vod-lookup-ignore-next-line')) ignored.add(i + 1);
  });
  const out: VideoIdMatch[] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9_])[0-9a-f]{32}(?![A-Za-z0-9_])/g)) {
    const line = lines.findIndex((l) => l.start <= m.index && m.index <= l.end);
    if (!ignored.has(line)) out.push({ id: m[0], start: m.index, end: m.index + 32 });
  }
  return out;
}

describe('videoId', () => {
  describe('isVideoId', () => {
    it('accepts exactly 32 lower-case hex characters', () => {
      assert.equal(isVideoId(ID), true);
      assert.equal(isVideoId(ID.toUpperCase()), false);
      assert.equal(isVideoId(ID.slice(1)), false);
      assert.equal(isVideoId(`${ID}0`), false);
      assert.equal(isVideoId(` ${ID}`), false);
      assert.equal(isVideoId(`${ID}\n`), false);
      assert.equal(isVideoId('g'.repeat(32)), false);
      assert.equal(isVideoId(''), false);
    });
  });

  describe('findVideoIds', () => {
    it('finds ids delimited by punctuation', () => {
      for (const text of [`"${ID}"`, `/${ID}.mp4`, `id=${ID}&x=1`, `-${ID}-`, `(${ID})`, `'${ID}',`, `${ID}`]) {
        assert.deepEqual(ids(text), [ID], text);
      }
    });

    it('rejects ids that are part of a longer word or hex run', () => {
      for (const text of [
        `${ID}a`, // 33 hex
        `0${ID}`,
        `x${ID}`,
        `${ID}x`,
        `G${ID}`,
        `abc_${ID}`,
        `${ID}_1`,
        ID.toUpperCase(),
        `${ID.slice(0, 31)}A`, // 31 lower + one upper hex
        ID.slice(1), // 31 hex
        `${ID}${ID}`, // 64 hex
      ]) {
        assert.deepEqual(ids(text), [], text);
      }
    });

    it('accepts non-ASCII letters as neighbours (only ASCII word characters join)', () => {
      assert.deepEqual(ids(`é${ID}ü`), [ID]);
      assert.deepEqual(ids(`视频${ID}。`), [ID]);
    });

    it('reports UTF-16 start and end offsets, end exclusive', () => {
      const text = `video: ${ID}!`;
      assert.deepEqual(findVideoIds(text), [{ id: ID, start: 7, end: 39 }]);
      assert.equal(text.slice(7, 39), ID);
    });

    it('counts an emoji before an id as two UTF-16 units', () => {
      const text = `🎬 ${ID}`;
      assert.deepEqual(findVideoIds(text), [{ id: ID, start: 3, end: 35 }]);
      assert.equal(text.slice(3, 35), ID);
    });

    it('finds ids at the very start and the very end of the text', () => {
      const text = `${ID} and ${ID2}`;
      assert.deepEqual(findVideoIds(text), [
        { id: ID, start: 0, end: 32 },
        { id: ID2, start: 37, end: 69 },
      ]);
    });

    it('finds adjacent ids separated by one character', () => {
      for (const sep of [' ', ',', '-', '.', '\n', '/', '"']) {
        assert.deepEqual(findVideoIds(`${ID}${sep}${ID2}`), [
          { id: ID, start: 0, end: 32 },
          { id: ID2, start: 33, end: 65 },
        ], JSON.stringify(sep));
      }
    });

    it('handles CRLF and CR line breaks', () => {
      const text = `a\r\n${ID}\r\nb\r${ID2}\r`;
      assert.deepEqual(findVideoIds(text), [
        { id: ID, start: 3, end: 35 },
        { id: ID2, start: 39, end: 71 },
      ]);
    });

    it('returns nothing for empty and short texts', () => {
      assert.deepEqual(findVideoIds(''), []);
      assert.deepEqual(findVideoIds('abc'), []);
      assert.deepEqual(findVideoIds(ID.slice(0, 31)), []);
    });

    it('skips the line carrying vod-lookup-ignore, and only that line', () => {
      const text = `${ID} // vod-lookup-ignore\n${ID2}\n# vod-lookup-ignore ${ID2}`;
      assert.deepEqual(findVideoIds(text), [{ id: ID2, start: 54, end: 86 }]);
    });

    it('skips the line after vod-lookup-ignore-next-line, but not the marker line itself', () => {
      const text = `${ID} // vod-lookup-ignore-next-line\r\n${ID2}\r\n${ID}`;
      const found = findVideoIds(text);
      assert.deepEqual(
        found.map((m) => [m.id, m.start]),
        [
          [ID, 0],
          [ID, text.length - 32],
        ],
      );
    });

    it('ignores a marker on the last line (no next line) and consecutive next-line markers', () => {
      assert.deepEqual(ids(`${ID} vod-lookup-ignore-next-line`), [ID]);
      const text = `// vod-lookup-ignore-next-line\n// vod-lookup-ignore-next-line ${ID}\n${ID2}\n${ID}`;
      assert.deepEqual(ids(text), [ID]);
    });

    it('agrees with a plain regex reference on random texts', () => {
      let seed = 12345;
      const rnd = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[rnd(16)]).join('');
      const pieces: Array<() => string> = [
        () => hex(32),
        () => hex(32),
        () => hex(31),
        () => hex(33),
        () => hex(1 + rnd(40)),
        () => hex(32).toUpperCase(),
        () => 'xyzGQ'[rnd(5)]!,
        () => 'ABCDEF'[rnd(6)]!,
        () => '_',
        () => ' ',
        () => ' ',
        () => '-',
        () => '"',
        () => '\n',
        () => '\r\n',
        () => '\r',
        () => 'vod-lookup-ignore',
        () => 'vod-lookup-ignore-next-line',
        () => '🎬',
        () => 'é',
      ];
      let withIds = 0;
      for (let round = 0; round < 500; round++) {
        let text = '';
        const count = rnd(40);
        for (let i = 0; i < count; i++) text += pieces[rnd(pieces.length)]!();
        const expected = reference(text);
        if (expected.length) withIds++;
        assert.deepEqual(findVideoIds(text), expected, JSON.stringify(text));
        // videoIdAt agrees with findVideoIds at every offset.
        for (let o = 0; o <= text.length; o++) {
          const hit = expected.find((m) => m.start <= o && o <= m.end);
          assert.deepEqual(videoIdAt(text, o), hit, `${JSON.stringify(text)} @${o}`);
        }
      }
      assert.ok(withIds > 100, `only ${withIds} random texts held an id`);
    });
  });

  describe('videoIdAt', () => {
    const text = `x = "${ID}";`; // id at [5, 37)

    it('finds the id from its first character to just past its last', () => {
      for (const o of [5, 6, 20, 36, 37]) assert.deepEqual(videoIdAt(text, o), { id: ID, start: 5, end: 37 }, `@${o}`);
    });

    it('finds nothing outside the id', () => {
      for (const o of [0, 3, 4, 38, 39, -1, 40, 1000, Number.NaN]) assert.equal(videoIdAt(text, o), undefined, `@${o}`);
    });

    it('picks the right one of two ids separated by one character', () => {
      const two = `${ID}-${ID2}`;
      assert.equal(videoIdAt(two, 32)?.id, ID);
      assert.equal(videoIdAt(two, 33)?.id, ID2);
      assert.equal(videoIdAt(two, 65)?.id, ID2);
    });

    it('finds ids at the text edges and nothing in longer runs', () => {
      assert.equal(videoIdAt(ID, 0)?.id, ID);
      assert.equal(videoIdAt(ID, 32)?.id, ID);
      assert.equal(videoIdAt(`${ID}0`, 10), undefined);
      assert.equal(videoIdAt(`_${ID}`, 10), undefined);
    });

    it('honours the ignore markers', () => {
      assert.equal(videoIdAt(`${ID} // vod-lookup-ignore`, 3), undefined);
      assert.equal(videoIdAt(`// vod-lookup-ignore-next-line\r\n${ID}`, 40), undefined);
      assert.equal(videoIdAt(`// vod-lookup-ignore-next-line\n\n${ID}`, 40)?.id, ID);
      assert.equal(videoIdAt(`${ID} // vod-lookup-ignore-next-line`, 3)?.id, ID);
    });
  });

  describe('findVideoIdsInRange', () => {
    it('scans whole lines touching the range and honours a marker on the line before', () => {
      const text = `${ID}\n// vod-lookup-ignore-next-line\n${ID2} ${ID}\n${ID2}\n${ID}`;
      const third = text.indexOf(ID2);
      assert.deepEqual(findVideoIdsInRange(text, third + 5, third + 6), []);
      const fourth = text.indexOf(`\n${ID2}\n`, third) + 1;
      assert.deepEqual(findVideoIdsInRange(text, fourth + 10, fourth + 10), [{ id: ID2, start: fourth, end: fourth + 32 }]);
      assert.deepEqual(findVideoIdsInRange(text, 0, text.length), findVideoIds(text));
      assert.deepEqual(findVideoIdsInRange(text, -5, 10), [{ id: ID, start: 0, end: 32 }]);
    });
  });

  describe('LineIndex', () => {
    it('maps offsets to 0-based lines and UTF-16 characters', () => {
      const text = 'ab\ncd\r\nef\rg🎬h';
      const index = new LineIndex(text);
      assert.equal(index.lineCount, 4);
      assert.deepEqual(index.position(0), { line: 0, character: 0 });
      assert.deepEqual(index.position(2), { line: 0, character: 2 }); // at the \n
      assert.deepEqual(index.position(3), { line: 1, character: 0 });
      assert.deepEqual(index.position(5), { line: 1, character: 2 }); // at the \r of \r\n
      assert.deepEqual(index.position(7), { line: 2, character: 0 });
      assert.deepEqual(index.position(10), { line: 3, character: 0 });
      assert.deepEqual(index.position(text.indexOf('h')), { line: 3, character: 3 }); // the emoji is two units
      assert.deepEqual(index.position(text.length), { line: 3, character: 4 });
    });

    it('clamps offsets outside the text', () => {
      const index = new LineIndex('a\nb');
      assert.deepEqual(index.position(-3), { line: 0, character: 0 });
      assert.deepEqual(index.position(99), { line: 1, character: 1 });
      assert.equal(index.offset(1, 0), 2);
      assert.equal(index.offset(7, 0), 3);
    });

    it('handles empty texts and a trailing line break', () => {
      assert.deepEqual(new LineIndex('').position(0), { line: 0, character: 0 });
      const index = new LineIndex('a\n');
      assert.equal(index.lineCount, 2);
      assert.deepEqual(index.position(2), { line: 1, character: 0 });
    });

    it('agrees with splitting on line breaks, for a text with ids', () => {
      const text = `one\r\n  "${ID}"\rthree ${ID2}\n`;
      const index = new LineIndex(text);
      const lines = text.split(/\r\n|\r|\n/);
      for (const m of findVideoIds(text)) {
        const { line, character } = index.position(m.start);
        assert.equal(lines[line]!.slice(character, character + 32), m.id);
      }
    });
  });
});
