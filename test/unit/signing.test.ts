import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $tea from '@alicloud/tea-typescript';
import {
  EMPTY_SHA256,
  acs3Signature,
  percentEncode,
  rpcSignature,
  rpcStringToSign,
  signAcs3Request,
  signRpcRequest,
} from '../../src/vod/signing';

describe('signing', () => {
  describe('percentEncode (RFC 3986)', () => {
    it('keeps unreserved characters and encodes the rest with upper-case hex', () => {
      assert.equal(percentEncode('AZaz09-_.~'), 'AZaz09-_.~');
      assert.equal(percentEncode(' '), '%20');
      assert.equal(percentEncode('*'), '%2A');
      assert.equal(percentEncode("!'()"), '%21%27%28%29');
      assert.equal(percentEncode('+/=&'), '%2B%2F%3D%26');
      assert.equal(percentEncode('视频'), '%E8%A7%86%E9%A2%91');
    });
  });

  describe('V1 (HMAC-SHA1) known answers from vod-api.md', () => {
    it('DescribeRegions with testsecret', () => {
      const params = {
        AccessKeyId: 'testid',
        Action: 'DescribeRegions',
        Format: 'XML',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
        SignatureVersion: '1.0',
        Timestamp: '2016-02-23T12:46:24Z',
        Version: '2014-05-26',
      };
      assert.equal(rpcSignature('GET', params, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    });
    it('query=test, body=test with secret', () => {
      const params = { query: 'test', body: 'test' };
      assert.equal(rpcStringToSign('GET', params), 'GET&%2F&body%3Dtest%26query%3Dtest');
      assert.equal(rpcSignature('GET', params, 'secret'), 'XlUyV4sXjOuX5FnjUz9IF9tm5rU=');
    });
    it('ignores an existing Signature parameter when signing', () => {
      assert.equal(rpcSignature('GET', { query: 'test', body: 'test', Signature: 'x' }, 'secret'), 'XlUyV4sXjOuX5FnjUz9IF9tm5rU=');
    });
  });

  describe('V3 (ACS3-HMAC-SHA256) known answers from vod-api.md', () => {
    const base = {
      method: 'POST',
      pathname: '/',
      query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
      hashedPayload: EMPTY_SHA256,
    };
    const headers = (date: string, nonce: string) => ({
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': EMPTY_SHA256,
      'x-acs-date': date,
      'x-acs-signature-nonce': nonce,
      'x-acs-version': '2014-05-26',
    });
    it('first request', () => {
      const r = acs3Signature({ ...base, headers: headers('2023-10-26T09:01:01Z', 'd410180a5abf7fe235dd9b74aca91fc0') }, 'YourAccessKeySecret');
      assert.equal(r.signature, 'e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804');
      assert.equal(r.signedHeaders, 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    });
    it('second request', () => {
      const r = acs3Signature({ ...base, headers: headers('2023-10-26T10:22:32Z', '3156853299f313e23d1673dc12e1703d') }, 'YourAccessKeySecret');
      assert.equal(r.signature, '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
    });
    it('the empty body hash is the SHA-256 of nothing', () => {
      assert.equal(createHash('sha256').update('').digest('hex'), EMPTY_SHA256);
    });
  });

  describe('cross-check against the official signer (@alicloud/openapi-util)', () => {
    // A deterministic generator keeps failures reproducible.
    let seed = 0x2f6b3a1d;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'Z', '0', ' ', '*', '~', '+', '/', '=', '&', '%', '视', '频', 'é', '😀', '-', '_', '.', '!', "'", '(', '\n'];
    const value = () => Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join('');
    const name = () => 'P' + Array.from({ length: 1 + rand(8) }, () => 'abcXYZ019_-.'[rand(12)]).join('');
    const params = () => {
      const p: Record<string, string> = {};
      for (let i = 0, n = 1 + rand(8); i < n; i++) p[name()] = value();
      return p;
    };

    it('V1 agrees with getRPCSignature on 300 random parameter sets', () => {
      for (let i = 0; i < 300; i++) {
        const p = { ...params(), Action: 'GetVideoInfo', VideoId: value() };
        const secret = 'sec' + value();
        const method = rand(2) ? 'GET' : 'POST';
        assert.equal(rpcSignature(method, p, secret), OpenApiUtil.getRPCSignature(p, method, secret), JSON.stringify({ p, secret }));
      }
    });

    it('V3 agrees with getAuthorization on 300 random parameter sets', () => {
      for (let i = 0; i < 300; i++) {
        const query = { ...params(), VideoId: value(), RegionId: 'cn-shanghai' };
        const headers: Record<string, string> = {
          host: 'vod.cn-shanghai.aliyuncs.com',
          'x-acs-action': 'GetVideoInfo',
          'x-acs-version': '2017-03-21',
          'x-acs-date': '2026-11-25T01:02:03Z',
          'x-acs-signature-nonce': value() + 'n',
          'x-acs-content-sha256': EMPTY_SHA256,
        };
        if (rand(2)) headers['x-acs-security-token'] = 'STS.' + value();
        const secret = 'sec' + value();
        const method = rand(2) ? 'GET' : 'POST';
        const ours = acs3Signature({ method, pathname: '/', query, headers, hashedPayload: EMPTY_SHA256 }, secret);
        const request = new $tea.Request();
        request.method = method;
        request.pathname = '/';
        request.query = query;
        request.headers = headers;
        const official = OpenApiUtil.getAuthorization(request, 'ACS3-HMAC-SHA256', EMPTY_SHA256, 'id', secret);
        assert.equal(`ACS3-HMAC-SHA256 Credential=id,SignedHeaders=${ours.signedHeaders},Signature=${ours.signature}`, official);
      }
    });
  });

  describe('request wrappers', () => {
    const key = { accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'STS.token' };
    it('V1 adds the common parameters, the STS token and a verifiable signature', () => {
      const p = signRpcRequest({ method: 'GET', action: 'GetVideoInfo', version: '2017-03-21', params: { VideoId: 'v', RegionId: 'cn-shanghai' }, key });
      assert.equal(p.Format, 'JSON');
      assert.equal(p.SecurityToken, 'STS.token');
      assert.match(p.Timestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const { Signature, ...rest } = p;
      assert.equal(Signature, OpenApiUtil.getRPCSignature(rest, 'GET', 'secret'));
    });
    it('every signing uses a fresh nonce', () => {
      const a = signRpcRequest({ method: 'GET', action: 'A', version: 'v', params: {}, key });
      const b = signRpcRequest({ method: 'GET', action: 'A', version: 'v', params: {}, key });
      assert.notEqual(a.SignatureNonce, b.SignatureNonce);
      const h1 = signAcs3Request({ method: 'GET', host: 'h', action: 'A', version: 'v', query: {}, key });
      const h2 = signAcs3Request({ method: 'GET', host: 'h', action: 'A', version: 'v', query: {}, key });
      assert.notEqual(h1['x-acs-signature-nonce'], h2['x-acs-signature-nonce']);
      assert.equal(h1['x-acs-security-token'], 'STS.token');
      assert.match(h1.authorization ?? '', /^ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/);
    });
  });
});
