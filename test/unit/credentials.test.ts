import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeCredentials,
  listProfiles,
  maskAccessKeyId,
  nodeCredentialEnvironment,
  resolveCredentials,
  type CredentialEnvironment,
  type CredentialRequest,
  type Credentials,
} from '../../src/vod/credentials';
import { isVodError, type VodError } from '../../src/vod/errors';
import type { Hint } from '../../src/vod/hints';

// Every secret a test writes anywhere; none may ever show up in an error or a source.
const SECRETS = [
  'explicitSecretValue0001',
  'envSecretValue0002',
  'envStsTokenValue0003',
  'cliSecretValue0004',
  'cliStsTokenValue0005',
  'iniSecretValue0006',
  'iniStsTokenValue0007',
  'devSecretValue0008',
];
const [EXPLICIT_SECRET, ENV_SECRET, ENV_TOKEN, CLI_SECRET, CLI_TOKEN, INI_SECRET, INI_TOKEN, DEV_SECRET] = SECRETS as [
  string, string, string, string, string, string, string, string,
];

const ENV_KEYS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvId000000000001',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: ENV_SECRET,
};

function cliProfile(name: string, mode: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  // The shape `aliyun configure` writes, every field present.
  return {
    name,
    mode,
    access_key_id: '',
    access_key_secret: '',
    sts_token: '',
    ram_role_name: '',
    ram_role_arn: '',
    ram_session_name: '',
    private_key: '',
    key_pair_name: '',
    expired_seconds: 0,
    verified: '',
    region_id: 'cn-shanghai',
    output_format: 'json',
    language: 'en',
    site: '',
    retry_timeout: 0,
    connect_timeout: 0,
    retry_count: 0,
    process_command: '',
    credentials_uri: '',
    ...extra,
  };
}

const cliAk = (name: string, id = `LTAIcli${name}000000001`, secret = CLI_SECRET) =>
  cliProfile(name, 'AK', { access_key_id: id, access_key_secret: secret });

describe('credentials', () => {
  let home: string;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vod-credentials-'));
  });

  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  /** The real Node environment, with a fake HOME and an environment built by the test. */
  function envt(env: Record<string, string | undefined> = {}): CredentialEnvironment {
    return { ...nodeCredentialEnvironment(), env, homeDir: home };
  }

  async function writeCli(config: unknown): Promise<void> {
    await mkdir(join(home, '.aliyun'), { recursive: true });
    await writeFile(join(home, '.aliyun', 'config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  }

  async function writeIni(text: string, path = join(home, '.alibabacloud', 'credentials')): Promise<string> {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
    return path;
  }

  const iniDefault = (id = 'LTAIiniDefault00000001', secret = INI_SECRET) =>
    `[default]\ntype = access_key\naccess_key_id = ${id}\naccess_key_secret = ${secret}\n`;

  async function resolve(req: CredentialRequest, env: Record<string, string | undefined> = {}): Promise<Credentials> {
    const c = await resolveCredentials(req, envt(env));
    assertNoSecret(c.source);
    assertNoSecret(describeCredentials(c));
    return c;
  }

  function assertNoSecret(text: string): void {
    for (const s of SECRETS) assert.ok(!text.includes(s), `"${text}" reveals a secret`);
  }

  /** Resolves expecting a credentials error with the hint code; checks no wording of it leaks a secret. */
  async function failure<C extends Hint['code']>(
    code: C,
    req: CredentialRequest,
    env: Record<string, string | undefined> = {},
  ): Promise<Extract<Hint, { code: C }>> {
    let error: VodError | undefined;
    try {
      await resolveCredentials(req, envt(env));
    } catch (e) {
      if (!isVodError(e)) throw e;
      error = e;
    }
    assert.ok(error, `expected ${code}, got credentials`);
    assert.equal(error.kind, 'credentials');
    assert.equal(error.hint.code, code, error.message);
    for (const text of [error.message, error.describe('en'), error.describe('zh-cn'), JSON.stringify(error.toJSON()), String(error.stack)]) {
      assertNoSecret(text);
    }
    return error.hint as Extract<Hint, { code: C }>;
  }

  describe('when nothing is configured', () => {
    it('reports noCredentials listing every place it looked, with ~ for the home directory', async () => {
      const hint = await failure('noCredentials', {});
      assert.deepEqual(hint.searched, [
        'environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        `~${join('/', '.aliyun', 'config.json')} (no such file)`,
        `~${join('/', '.alibabacloud', 'credentials')} [default] (no such file)`,
      ]);
    });

    it('says why each file did not serve', async () => {
      await writeCli({ current: 'dev', profiles: [cliAk('other')] });
      await writeIni('[prod]\naccess_key_id = a\naccess_key_secret = b\n');
      const hint = await failure('noCredentials', {});
      assert.match(hint.searched[1]!, /config\.json \(no profile "dev"\)$/);
      assert.match(hint.searched[2]!, /credentials \[default\] \(no such section\)$/);
    });

    it('lists an explicit AccessKey that was given empty', async () => {
      const hint = await failure('noCredentials', { explicit: { accessKeyId: ' ', accessKeySecret: '', source: 'VS Code secret storage' } });
      assert.equal(hint.searched[0], 'VS Code secret storage');
    });
  });

  describe('1. the explicit AccessKey', () => {
    it('wins over a named profile, the environment, the CLI and the ini file', async () => {
      await writeCli({ current: 'dev', profiles: [cliAk('dev')] });
      await writeIni(iniDefault());
      const c = await resolve(
        { explicit: { accessKeyId: ' LTAIexplicit0000001 ', accessKeySecret: ` ${EXPLICIT_SECRET}\n`, source: 'VS Code secret storage' }, profile: 'dev' },
        { ...ENV_KEYS, ALIBABA_CLOUD_PROFILE: 'dev' },
      );
      assert.deepEqual(c, { accessKeyId: 'LTAIexplicit0000001', accessKeySecret: EXPLICIT_SECRET, source: 'VS Code secret storage' });
    });

    it('carries an STS token and has a default source', async () => {
      const c = await resolve({ explicit: { accessKeyId: 'STS.explicit0000001', accessKeySecret: EXPLICIT_SECRET, securityToken: 'tok' } });
      assert.equal(c.securityToken, 'tok');
      assert.equal(c.source, 'the explicit AccessKey');
    });

    it('is incomplete without its secret', async () => {
      const hint = await failure('incompleteCredentials', { explicit: { accessKeyId: 'LTAIexplicit0000001', accessKeySecret: '  ' } }, ENV_KEYS);
      assert.equal(hint.missing, 'the AccessKey secret');
    });
  });

  describe('2. a named profile', () => {
    it('is found in the CLI file, and wins over the environment and the current profile', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default'), cliAk('dev', 'LTAIdev0000000000001', DEV_SECRET)] });
      const c = await resolve({ profile: 'dev' }, ENV_KEYS);
      assert.deepEqual(c, { accessKeyId: 'LTAIdev0000000000001', accessKeySecret: DEV_SECRET, source: `aliyun CLI profile "dev" (~${join('/', '.aliyun', 'config.json')})` });
    });

    it('comes from ALIBABA_CLOUD_PROFILE when the request names none', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default'), cliAk('dev', 'LTAIdev0000000000001', DEV_SECRET)] });
      const c = await resolve({}, { ...ENV_KEYS, ALIBABA_CLOUD_PROFILE: ' dev ' });
      assert.equal(c.accessKeyId, 'LTAIdev0000000000001');
    });

    it('from the request wins over ALIBABA_CLOUD_PROFILE', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default'), cliAk('dev', 'LTAIdev0000000000001', DEV_SECRET)] });
      const c = await resolve({ profile: 'default' }, { ALIBABA_CLOUD_PROFILE: 'dev' });
      assert.equal(c.accessKeyId, 'LTAIclidefault000000001');
    });

    it('is found in the ini file when the CLI file lacks it', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default')] });
      await writeIni(`${iniDefault()}\n[dev]\ntype = access_key\naccess_key_id = LTAIiniDev0000000001\naccess_key_secret = ${DEV_SECRET}\n`);
      const c = await resolve({ profile: 'dev' });
      assert.deepEqual(c, {
        accessKeyId: 'LTAIiniDev0000000001',
        accessKeySecret: DEV_SECRET,
        source: `credentials file profile "dev" (~${join('/', '.alibabacloud', 'credentials')})`,
      });
    });

    it('is looked up in the CLI file before the ini file', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('dev', 'LTAIcliDev0000000001')] });
      await writeIni('[dev]\naccess_key_id = LTAIiniDev0000000001\naccess_key_secret = x\n');
      assert.equal((await resolve({ profile: 'dev' })).accessKeyId, 'LTAIcliDev0000000001');
    });

    it('that exists nowhere is profileNotFound listing where it looked, never a fall-through', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default'), cliAk('prod')] });
      await writeIni(iniDefault());
      const hint = await failure('profileNotFound', { profile: 'staging' }, ENV_KEYS);
      assert.equal(hint.profile, 'staging');
      assert.deepEqual(hint.searched, [
        `~${join('/', '.aliyun', 'config.json')} (profiles: default, prod)`,
        `~${join('/', '.alibabacloud', 'credentials')} (profiles: default)`,
      ]);
    });

    it('from ALIBABA_CLOUD_PROFILE that exists nowhere is an error too, even with no files at all', async () => {
      const hint = await failure('profileNotFound', {}, { ...ENV_KEYS, ALIBABA_CLOUD_PROFILE: 'ghost' });
      assert.match(hint.searched[0]!, /config\.json \(no such file\)$/);
      assert.match(hint.searched[1]!, /credentials \(no such file\)$/);
    });

    it('with a mode we cannot serve is unsupportedCredentialMode', async () => {
      await writeCli({ current: 'default', profiles: [cliProfile('role', 'RamRoleArn', { access_key_id: 'LTAIx', access_key_secret: CLI_SECRET, ram_role_arn: 'acs:ram::1:role/r' })] });
      const hint = await failure('unsupportedCredentialMode', { profile: 'role' }, ENV_KEYS);
      assert.equal(hint.mode, 'RamRoleArn');
      assert.match(hint.source, /aliyun CLI profile "role"/);
    });

    it('without keys is incomplete', async () => {
      await writeCli({ current: 'default', profiles: [cliProfile('empty', 'AK')] });
      const hint = await failure('incompleteCredentials', { profile: 'empty' });
      assert.equal(hint.missing, 'access_key_id and access_key_secret');
    });
  });

  describe('3. the environment', () => {
    it('wins over the CLI current profile and the ini file', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default')] });
      await writeIni(iniDefault());
      const c = await resolve({}, { ...ENV_KEYS, ALIBABA_CLOUD_SECURITY_TOKEN: ` ${ENV_TOKEN} ` });
      assert.deepEqual(c, { accessKeyId: 'LTAIenvId000000000001', accessKeySecret: ENV_SECRET, securityToken: ENV_TOKEN, source: 'environment variables' });
    });

    it('with the id alone is incomplete, and says which variable is missing', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default')] });
      const hint = await failure('incompleteCredentials', {}, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvId000000000001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '   ' });
      assert.deepEqual(hint, { code: 'incompleteCredentials', source: 'environment variables', missing: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' });
    });

    it('with the secret alone is incomplete', async () => {
      const hint = await failure('incompleteCredentials', {}, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: ENV_SECRET });
      assert.equal(hint.missing, 'ALIBABA_CLOUD_ACCESS_KEY_ID');
    });

    it('with a token alone is incomplete', async () => {
      const hint = await failure('incompleteCredentials', {}, { ALIBABA_CLOUD_SECURITY_TOKEN: ENV_TOKEN });
      assert.equal(hint.missing, 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    });
  });

  describe('4. the aliyun CLI current profile', () => {
    it('serves an AK profile and wins over the ini file', async () => {
      await writeCli({ current: 'work', profiles: [cliAk('default'), cliAk('work', ' LTAIcliWork00000001 ')] });
      await writeIni(iniDefault());
      const c = await resolve({});
      assert.deepEqual(c, { accessKeyId: 'LTAIcliWork00000001', accessKeySecret: CLI_SECRET, source: `aliyun CLI profile "work" (~${join('/', '.aliyun', 'config.json')})` });
    });

    it('serves a StsToken profile with its token', async () => {
      await writeCli({ current: 'sts', profiles: [cliProfile('sts', 'StsToken', { access_key_id: 'STS.cli000000000001', access_key_secret: CLI_SECRET, sts_token: CLI_TOKEN })] });
      const c = await resolve({});
      assert.equal(c.securityToken, CLI_TOKEN);
      assert.equal(describeCredentials(c), `STS.****0001 (STS) from aliyun CLI profile "sts" (~${join('/', '.aliyun', 'config.json')})`);
    });

    it('reports a StsToken profile without its token as incomplete', async () => {
      await writeCli({ current: 'sts', profiles: [cliProfile('sts', 'StsToken', { access_key_id: 'STS.cli000000000001', access_key_secret: CLI_SECRET })] });
      const hint = await failure('incompleteCredentials', {});
      assert.equal(hint.missing, 'sts_token');
    });

    for (const mode of ['RamRoleArn', 'EcsRamRole', 'ChainableRamRoleArn', 'External', 'CredentialsURI', 'OIDC']) {
      it(`reports a current ${mode} profile as unsupported rather than skipping it`, async () => {
        await writeCli({ current: 'x', profiles: [cliProfile('x', mode, { access_key_id: 'LTAIx', access_key_secret: CLI_SECRET, ram_role_name: 'r' })] });
        await writeIni(iniDefault());
        const hint = await failure('unsupportedCredentialMode', {});
        assert.equal(hint.mode, mode);
        assert.equal(hint.source, `aliyun CLI profile "x" (~${join('/', '.aliyun', 'config.json')})`);
      });
    }

    it('does not complain about unsupported profiles it does not reach', async () => {
      await writeCli({ current: 'default', profiles: [cliProfile('role', 'RamRoleArn'), cliAk('default')] });
      assert.equal((await resolve({})).accessKeyId, 'LTAIclidefault000000001');
    });

    it('uses the profile named "default" when the file has no current, and a profile without a mode as AK', async () => {
      await writeCli({ profiles: [{ name: 'default', access_key_id: 'LTAInoMode000000001', access_key_secret: CLI_SECRET }] });
      assert.equal((await resolve({})).accessKeyId, 'LTAInoMode000000001');
    });

    it('skips the empty profile a fresh CLI install writes, and says so', async () => {
      await writeCli({ current: '', profiles: [cliProfile('default', 'AK')] });
      await writeIni(iniDefault());
      assert.equal((await resolve({})).accessKeyId, 'LTAIiniDefault00000001');
      await rm(join(home, '.alibabacloud'), { recursive: true });
      const hint = await failure('noCredentials', {});
      assert.match(hint.searched[1]!, /config\.json \(profile "default" holds no AccessKey\)$/);
    });

    it('reports an AK profile with half a key pair as incomplete', async () => {
      await writeCli({ current: 'default', profiles: [cliProfile('default', 'AK', { access_key_id: 'LTAIhalf00000000001' })] });
      await writeIni(iniDefault());
      const hint = await failure('incompleteCredentials', {});
      assert.equal(hint.missing, 'access_key_secret');
    });
  });

  describe('5. the ini credentials file', () => {
    it('serves the default section of type access_key', async () => {
      await writeIni(`; comment\n# another\n[other]\naccess_key_id = nope\naccess_key_secret = nope\n\n  [ default ]  \r\n type = access_key \r\n access_key_id = "LTAIquoted000000001"\r\naccess_key_secret=${INI_SECRET} ; inline comment\r\n`);
      const c = await resolve({});
      assert.deepEqual(c, { accessKeyId: 'LTAIquoted000000001', accessKeySecret: INI_SECRET, source: `credentials file profile "default" (~${join('/', '.alibabacloud', 'credentials')})` });
    });

    it('serves type sts with its security token', async () => {
      await writeIni(`[default]\ntype = sts\naccess_key_id = STS.ini000000000001\naccess_key_secret = ${INI_SECRET}\nsecurity_token = ${INI_TOKEN}\n`);
      const c = await resolve({});
      assert.equal(c.securityToken, INI_TOKEN);
    });

    it('reads the file named by ALIBABA_CLOUD_CREDENTIALS_FILE instead of the default one', async () => {
      await writeIni(iniDefault('LTAIwrongFile000001'));
      const path = await writeIni(iniDefault('LTAIenvFile00000001'), join(home, 'elsewhere', 'my-credentials'));
      const c = await resolve({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: path });
      assert.equal(c.accessKeyId, 'LTAIenvFile00000001');
      assert.equal(c.source, `credentials file profile "default" (~${join('/', 'elsewhere', 'my-credentials')})`);
      assert.equal((await resolve({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: '~/elsewhere/my-credentials' })).accessKeyId, 'LTAIenvFile00000001');
    });

    it('reports a file named by ALIBABA_CLOUD_CREDENTIALS_FILE that does not exist', async () => {
      await writeIni(iniDefault());
      const hint = await failure('credentialFileInvalid', {}, { ALIBABA_CLOUD_CREDENTIALS_FILE: join(home, 'missing') });
      assert.equal(hint.path, `~${join('/', 'missing')}`);
      assert.match(hint.detail, /ALIBABA_CLOUD_CREDENTIALS_FILE/);
    });

    for (const type of ['ram_role_arn', 'ecs_ram_role', 'oidc_role_arn', 'rsa_key_pair']) {
      it(`reports type ${type} as unsupported`, async () => {
        await writeIni(`[default]\ntype = ${type}\naccess_key_id = LTAIx\naccess_key_secret = ${INI_SECRET}\nrole_arn = acs:ram::1:role/r\n`);
        const hint = await failure('unsupportedCredentialMode', {});
        assert.equal(hint.mode, type);
        assert.match(hint.source, /credentials file profile "default"/);
      });
    }

    it('reads a section without a type as access_key', async () => {
      await writeIni(`[default]\naccess_key_id = LTAInoType000000001\naccess_key_secret = ${INI_SECRET}\n`);
      assert.equal((await resolve({})).accessKeyId, 'LTAInoType000000001');
    });

    it('keeps a dotted section name whole', async () => {
      await writeIni(`[prod.cn]\naccess_key_id = LTAIdotted000000001\naccess_key_secret = ${INI_SECRET}\n`);
      assert.equal((await resolve({ profile: 'prod.cn' })).accessKeyId, 'LTAIdotted000000001');
    });
  });

  describe('malformed files', () => {
    it('reports invalid JSON with the path and position, never the text around it', async () => {
      await writeCli(`{\n  "current": "default",\n  "profiles": [{"name": "default", "access_key_secret": ${CLI_SECRET}}]\n}`);
      const hint = await failure('credentialFileInvalid', {});
      assert.equal(hint.path, `~${join('/', '.aliyun', 'config.json')}`);
      assert.match(hint.detail, /^not valid JSON/);
    });

    it('gives a line and column when the parser knows the position', async () => {
      await writeCli(`{\n  "current": "default",\n  "profiles": [{"name": "default", "access_key_secret": "${CLI_SECRET}" "x": 1}]\n}`);
      const hint = await failure('credentialFileInvalid', {});
      assert.match(hint.detail, /\(line 3, column \d+\)$/);
    });

    it('reports an empty or truncated file', async () => {
      await writeCli('');
      assert.match((await failure('credentialFileInvalid', {})).detail, /not valid JSON/);
    });

    it('reports a config.json of the wrong shape with the offending field', async () => {
      await writeCli({ current: 'default', profiles: [cliAk('default'), { name: 'bad', access_key_id: 12345, access_key_secret: CLI_SECRET }] });
      const hint = await failure('credentialFileInvalid', {});
      assert.equal(hint.detail, 'profiles[1].access_key_id: expected string');
      await writeCli({ current: 'default', profiles: { name: 'default' } });
      assert.equal((await failure('credentialFileInvalid', {})).detail, 'profiles: expected array');
    });

    it('accepts a byte order mark', async () => {
      await writeCli(`\uFEFF${JSON.stringify({ current: 'default', profiles: [cliAk('default')] })}`);
      assert.equal((await resolve({})).accessKeyId, 'LTAIclidefault000000001');
    });

    it('reports a broken ini file with the line number, never the line', async () => {
      await writeIni(`[default]\ntype = access_key\naccess_key_id LTAInoEquals\naccess_key_secret = ${INI_SECRET}\n`);
      const hint = await failure('credentialFileInvalid', {});
      assert.equal(hint.path, `~${join('/', '.alibabacloud', 'credentials')}`);
      assert.equal(hint.detail, 'line 3 is not a [section], a key = value line or a comment');
      await writeIni(`[default\naccess_key_secret = ${INI_SECRET}\n`);
      assert.equal((await failure('credentialFileInvalid', {})).detail, 'line 1 has an unclosed section header');
    });

    it('reports a file that cannot be read', async () => {
      await mkdir(join(home, '.aliyun', 'config.json'), { recursive: true });
      const hint = await failure('credentialFileInvalid', {});
      assert.equal(hint.detail, 'cannot be read (EISDIR)');
    });

    it('does not read a malformed file the chain does not reach', async () => {
      await writeCli('{not json');
      await writeIni('garbage');
      assert.equal((await resolve({}, ENV_KEYS)).source, 'environment variables');
    });
  });

  describe('listProfiles', () => {
    it('lists both files and marks the current CLI profile', async () => {
      await writeCli({ current: 'work', profiles: [cliAk('default'), cliAk('work'), cliProfile('role', 'RamRoleArn')] });
      await writeIni(`${iniDefault()}\n[sts]\ntype = sts\n`);
      assert.deepEqual(await listProfiles(envt()), [
        { name: 'default', mode: 'AK', source: 'aliyun-cli', current: false, supported: true },
        { name: 'work', mode: 'AK', source: 'aliyun-cli', current: true, supported: true },
        { name: 'role', mode: 'RamRoleArn', source: 'aliyun-cli', current: false, supported: false },
        { name: 'default', mode: 'access_key', source: 'credentials-file', current: false, supported: true },
        { name: 'sts', mode: 'sts', source: 'credentials-file', current: false, supported: true },
      ]);
    });

    it('marks the profile ALIBABA_CLOUD_PROFILE names, else the ini default', async () => {
      await writeIni(`${iniDefault()}\n[dev]\naccess_key_id = a\naccess_key_secret = b\n`);
      const current = async (env: Record<string, string>) => (await listProfiles(envt(env))).filter((p) => p.current).map((p) => p.name);
      assert.deepEqual(await current({}), ['default']);
      assert.deepEqual(await current({ ALIBABA_CLOUD_PROFILE: 'dev' }), ['dev']);
      // An empty CLI profile is passed over, as the chain passes over it.
      await writeCli({ current: 'default', profiles: [cliProfile('default', 'AK')] });
      const all = await listProfiles(envt());
      assert.deepEqual(all.filter((p) => p.current).map((p) => [p.source, p.name]), [['credentials-file', 'default']]);
    });

    it('is empty when there are no files', async () => {
      assert.deepEqual(await listProfiles(envt()), []);
    });
  });

  describe('describeCredentials', () => {
    it('masks the AccessKeyId and never shows the secret', () => {
      const c: Credentials = { accessKeyId: 'LTAI5tExample0abcd', accessKeySecret: EXPLICIT_SECRET, source: 'environment variables' };
      assert.equal(describeCredentials(c), 'LTAI****abcd from environment variables');
      assert.equal(maskAccessKeyId('short'), '****');
    });
  });

  describe('nodeCredentialEnvironment', () => {
    it('reads files and answers undefined for a missing one', async () => {
      const real = nodeCredentialEnvironment();
      assert.equal(await real.readFile(join(home, 'nope', 'nothing')), undefined);
      await writeFile(join(home, 'f'), 'text');
      assert.equal(await real.readFile(join(home, 'f')), 'text');
      await assert.rejects(real.readFile(home), /EISDIR/);
      assert.equal(typeof real.homeDir, 'string');
    });
  });
});
