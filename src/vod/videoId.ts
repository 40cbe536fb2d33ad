// Finds VideoIds in text: 32 lower-case hex characters standing alone, i.e. not adjoined by an ASCII
// letter, digit or `_` (the JavaScript regex `\b[0-9a-f]{32}\b`). Lines carrying `vod-lookup-ignore`
// are skipped, and so is the line after `vod-lookup-ignore-next-line`.
//
// The scan probes one character in every 32: an id needs 32 hex characters in a row, so a probe that
// lands on anything else rules out every window containing it. Only hex hits are widened to their run.
// It measured several times faster than `/\b[0-9a-f]{32}\b/g` on mixed source text.

export interface VideoIdMatch {
  id: string;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

export const VIDEO_ID_LENGTH = 32;
export const IGNORE_MARKER = 'vod-lookup-ignore';
export const IGNORE_NEXT_LINE_MARKER = 'vod-lookup-ignore-next-line';

const NEXT_LINE_SUFFIX = IGNORE_NEXT_LINE_MARKER.slice(IGNORE_MARKER.length);
const ID_RE = /^[0-9a-f]{32}$/;

const HEX = 1;
const WORD = 2;
// Indexed by any UTF-16 code unit, so the hot loop needs no range check.
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[0-9a-f]/.test(ch)) CLASS[c] = HEX | WORD;
  else if (/[A-Za-z_]/.test(ch)) CLASS[c] = WORD;
}

export function isVideoId(s: string): boolean {
  return ID_RE.test(s);
}

/** Every VideoId in the text, in order, minus those on ignored lines. */
export function findVideoIds(text: string): VideoIdMatch[] {
  return scanRange(text, 0, text.length);
}

/**
 * The VideoIds whose lines intersect [from, to), e.g. the visible part of a large document; the ignore
 * markers are honoured as in `findVideoIds`, including one on the line just before the range.
 */
export function findVideoIdsInRange(text: string, from: number, to: number): VideoIdMatch[] {
  const a = lineStart(text, clamp(from, text.length));
  const b = lineEnd(text, Math.max(a, clamp(to, text.length)));
  return scanRange(text, a, b);
}

/** The VideoId under a cursor at `offset`, anywhere from its start to just past its end. */
export function videoIdAt(text: string, offset: number): VideoIdMatch | undefined {
  if (!(offset >= 0 && offset <= text.length)) return undefined;
  // The hex run holding the character at the offset, or else the one ending just before it.
  let at = offset;
  if (!isHexAt(text, at)) at--;
  if (!isHexAt(text, at)) return undefined;
  let start = at;
  while (start > 0 && isHexAt(text, start - 1)) start--;
  let end = at + 1;
  while (end < text.length && isHexAt(text, end)) end++;
  if (end - start !== VIDEO_ID_LENGTH || isWordAt(text, start - 1) || isWordAt(text, end)) return undefined;
  if (isIgnored(text, start)) return undefined;
  return { id: detach(text.slice(start, end)), start, end };
}

/** Offsets to 0-based line and character (UTF-16 code units), as VS Code counts them. */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    if (text.indexOf('\r') === -1) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offsets outside the text are clamped to it. */
  position(offset: number): { line: number; character: number } {
    const o = clamp(offset, this.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  /** The offset of a line and character, clamped to the text. */
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.length;
    return clamp(this.starts[line]! + Math.max(0, character), this.length);
  }
}

// ---------------------------------------------------------------------------------------------------

/**
 * A copy that does not keep the whole text alive: V8 makes a slice of 13+ characters a view into its
 * parent, so caching a sliced id would pin every version of a large document. Measured at 0.3 ms per
 * 6,500 ids.
 */
function detach(s: string): string {
  return (' ' + s).slice(1);
}

function clamp(n: number, max: number): number {
  return n < 0 ? 0 : n > max ? max : n;
}

function isHexAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (CLASS[text.charCodeAt(i)]! & HEX) !== 0;
}

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (CLASS[text.charCodeAt(i)]! & WORD) !== 0;
}

/** Ids within [from, to); `from` and `to` are line boundaries, so no id straddles them. */
function scanRange(text: string, from: number, to: number): VideoIdMatch[] {
  const found = scanIds(text, from, to);
  return found.length === 0 ? found : dropIgnored(found, ignoredLines(text, from, to));
}

function scanIds(text: string, from: number, to: number): VideoIdMatch[] {
  const out: VideoIdMatch[] = [];
  const n = text.length;
  // Invariant: p === from, or the character before p is not hex, so no id starts before p unseen.
  let p = from;
  while (p + VIDEO_ID_LENGTH <= to) {
    const probe = p + VIDEO_ID_LENGTH - 1;
    if ((CLASS[text.charCodeAt(probe)]! & HEX) === 0) {
      p = probe + 1;
      continue;
    }
    let s = probe;
    while (s > p && (CLASS[text.charCodeAt(s - 1)]! & HEX) !== 0) s--;
    let e = probe + 1;
    while (e < n && (CLASS[text.charCodeAt(e)]! & HEX) !== 0) e++;
    if (
      e - s === VIDEO_ID_LENGTH &&
      (s === 0 || (CLASS[text.charCodeAt(s - 1)]! & WORD) === 0) &&
      (e === n || (CLASS[text.charCodeAt(e)]! & WORD) === 0)
    ) {
      out.push({ id: detach(text.slice(s, e)), start: s, end: e });
    }
    p = e + 1;
  }
  return out;
}

function lineStart(text: string, i: number): number {
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

function lineEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/** The start of the line after the one ending at `end` (a line end), or undefined on the last line. */
function nextLineStart(text: string, end: number): number | undefined {
  if (end >= text.length) return undefined;
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/** The start of the line before the one starting at `start`, or undefined on the first line. */
function previousLineStart(text: string, start: number): number | undefined {
  if (start === 0) return undefined;
  const brk = start >= 2 && text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? start - 2 : start - 1;
  return lineStart(text, brk);
}

/** [start, end) of each ignored line meeting [from, to), sorted by start. */
function ignoredLines(text: string, from: number, to: number): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  // A marker on the line before the range may ignore the range's first line.
  const begin = previousLineStart(text, lineStart(text, from)) ?? 0;
  for (let m = text.indexOf(IGNORE_MARKER, begin); m !== -1 && m < to; m = text.indexOf(IGNORE_MARKER, m + IGNORE_MARKER.length)) {
    const start = lineStart(text, m);
    const end = lineEnd(text, m);
    if (text.startsWith(NEXT_LINE_SUFFIX, m + IGNORE_MARKER.length)) {
      const next = nextLineStart(text, end);
      if (next !== undefined) lines.push([next, lineEnd(text, next)]);
    } else {
      lines.push([start, end]);
    }
  }
  return lines.sort((x, y) => x[0] - y[0]);
}

function dropIgnored(found: VideoIdMatch[], lines: Array<[number, number]>): VideoIdMatch[] {
  if (lines.length === 0) return found;
  const kept: VideoIdMatch[] = [];
  let k = 0;
  for (const m of found) {
    while (k < lines.length && lines[k]![1] < m.start) k++;
    const line = lines[k];
    if (line && line[0] <= m.start && m.start <= line[1]) continue;
    kept.push(m);
  }
  return kept;
}

/** Whether the line holding `offset` is ignored, by its own marker or one on the line before. */
function isIgnored(text: string, offset: number): boolean {
  const start = lineStart(text, offset);
  const line = text.slice(start, lineEnd(text, offset));
  if (hasOwnLineMarker(line)) return true;
  const prev = previousLineStart(text, start);
  return prev !== undefined && text.slice(prev, lineEnd(text, prev)).includes(IGNORE_NEXT_LINE_MARKER);
}

function hasOwnLineMarker(line: string): boolean {
  for (let m = line.indexOf(IGNORE_MARKER); m !== -1; m = line.indexOf(IGNORE_MARKER, m + IGNORE_MARKER.length)) {
    if (!line.startsWith(NEXT_LINE_SUFFIX, m + IGNORE_MARKER.length)) return true;
  }
  return false;
}
