import { strict as assert } from 'node:assert';
import { getVideoInfoResponse, getVideoInfosResponse, normalizeVideo, rawVideoSchema, safeHttpUrl } from '../../src/vod/schema';

const norm = (raw: unknown) => normalizeVideo(rawVideoSchema.parse(raw));

describe('schema and VideoInfo normalization', () => {
  it('normalizes the API page example (numbers as strings, JSON-encoded snapshot list)', () => {
    const v = norm({
      Status: 'Normal',
      Description: 'Video description in ApsaraVideo VOD',
      VideoId: '9b73864d75f14e5f60d231e9001cd5f8',
      Size: '10897890',
      Title: 'Video title in ApsaraVideo VOD',
      ModificationTime: '2017-11-14T10:15:50Z',
      Duration: '135.6',
      CateName: 'Category name',
      CateId: '781111',
      AuditStatus: 'Normal',
      AppId: 'app-1000000',
      CustomMediaInfo: '{"aaa":"test"}',
      CreationTime: '2017-11-14T09:15:50Z',
      CoverURL: 'https://image.example.com/cover.jpg',
      RegionId: 'cn-shanghai',
      StorageLocation: 'out-2017032322510001.oss-cn-shanghai.aliyuncs.com',
      Snapshots: { Snapshot: '["http://image.example.com/snapshot/1.jpg?auth_key=1","http://image.example.com/snapshot/2.jpg"]' },
      Tags: 'Tag 1,Tag 2',
      TemplateGroupId: '9ae2af636ca64835b0c10412f44891f2',
    });
    assert.equal(v.size, 10897890);
    assert.equal(v.duration, 135.6);
    assert.equal(v.cateId, 781111);
    assert.deepEqual(v.tags, ['Tag 1', 'Tag 2']);
    assert.deepEqual(v.snapshots, ['http://image.example.com/snapshot/1.jpg?auth_key=1', 'http://image.example.com/snapshot/2.jpg']);
    assert.equal(v.coverUrl, 'https://image.example.com/cover.jpg');
    assert.equal(v.templateGroupId, '9ae2af636ca64835b0c10412f44891f2');
    assert.deepEqual(v.extra, {}, 'the deprecated CustomMediaInfo is dropped');
  });

  it('accepts the three Snapshots shapes', () => {
    const urls = ['https://a.example/1.jpg', 'https://a.example/2.jpg'];
    assert.deepEqual(norm({ VideoId: 'x', Snapshots: { Snapshot: urls } }).snapshots, urls);
    assert.deepEqual(norm({ VideoId: 'x', Snapshots: urls }).snapshots, urls);
    assert.deepEqual(norm({ VideoId: 'x', Snapshots: { Snapshot: JSON.stringify(urls) } }).snapshots, urls);
    assert.deepEqual(norm({ VideoId: 'x', Snapshots: { Snapshot: '[not json' } }).snapshots, []);
  });

  it('tolerates missing fields (a fresh upload) and keeps numbers as numbers', () => {
    const v = norm({ VideoId: 'a'.repeat(32), Title: 'up', Status: 'Uploading', Size: 12, Duration: 1.5 });
    assert.equal(v.coverUrl, undefined);
    assert.deepEqual(v.snapshots, []);
    assert.deepEqual(v.tags, []);
    assert.equal(v.size, 12);
    assert.equal(v.duration, 1.5);
    const bare = norm({ VideoId: 'b'.repeat(32) });
    assert.equal(bare.title, '');
    assert.equal(bare.status, 'Unknown');
  });

  it('drops unreadable numbers rather than inventing them', () => {
    const v = norm({ VideoId: 'x', Size: 'lots', Duration: '', CateId: null });
    assert.equal(v.size, undefined);
    assert.equal(v.duration, undefined);
    assert.equal(v.cateId, undefined);
  });

  it('drops every URL that is not http(s)', () => {
    const v = norm({
      VideoId: 'x',
      CoverURL: 'javascript:alert(1)',
      Snapshots: ['data:image/png;base64,AAAA', 'file:///etc/passwd', ' https://ok.example/s.jpg ', 'vscode://x', '//no-scheme.example/a.jpg'],
    });
    assert.equal(v.coverUrl, undefined);
    assert.deepEqual(v.snapshots, ['https://ok.example/s.jpg']);
    assert.equal(safeHttpUrl('JAVASCRIPT:alert(1)'), undefined);
    assert.equal(safeHttpUrl('http://[bad'), undefined);
    assert.equal(safeHttpUrl(42), undefined);
  });

  it('keeps unknown fields in extra, so the panel can show every field', () => {
    const v = norm({ VideoId: 'x', StorageClass: 'Standard', NewField: 'hello', Nested: { a: 1 } });
    assert.equal(v.storageClass, 'Standard');
    assert.deepEqual(v.extra, { NewField: 'hello', Nested: '{"a":1}' });
  });

  it('splits tags on ASCII and full-width commas', () => {
    assert.deepEqual(norm({ VideoId: 'x', Tags: '产品，发布会, demo ,,' }).tags, ['产品', '发布会', 'demo']);
  });

  it('GetVideoInfos accepts wrapped and plain lists', () => {
    const video = { VideoId: 'a'.repeat(32), Title: 't' };
    const wrapped = getVideoInfosResponse.parse({ RequestId: 'r', VideoList: { Video: [video] }, NonExistVideoIds: { VideoId: ['b'.repeat(32)] } });
    const plain = getVideoInfosResponse.parse({ RequestId: 'r', VideoList: [video], NonExistVideoIds: ['b'.repeat(32)] });
    for (const r of [wrapped, plain]) {
      assert.equal(r.VideoList.length, 1);
      assert.deepEqual(r.NonExistVideoIds, ['b'.repeat(32)]);
    }
    const empty = getVideoInfosResponse.parse({ RequestId: 'r' });
    assert.deepEqual([empty.VideoList, empty.NonExistVideoIds], [[], []]);
  });

  it('rejects an answer without a Video', () => {
    assert.equal(getVideoInfoResponse.safeParse({ RequestId: 'r', Video: 'nope' }).success, false);
    assert.equal(getVideoInfoResponse.safeParse({ RequestId: 'r' }).success, false);
  });
});
