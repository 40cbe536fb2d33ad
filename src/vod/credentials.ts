import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { credentialsError } from './errors';

// The credential chain: an explicit AccessKey, a named profile, the environment, the aliyun CLI's current
// profile, then the SDK's ini file. The environment and the file system are injected so the chain runs
// the same under the extension, the CLI and the tests.

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Where these came from, in words a person reads in a status bar; never a secret. */
  source: string;
}

export interface CredentialEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** The file's text, or undefined when it does not exist; any other failure throws. */
  readFile(path: string): Promise<string | undefined>;
}

export interface CredentialRequest {
  /** An AccessKey chosen by the user (the extension passes the one in its SecretStorage). */
  explicit?: { accessKeyId: string; accessKeySecret: string; securityToken?: string; source?: string };
  /** A profile name chosen by the user; wins over ALIBABA_CLOUD_PROFILE. */
  profile?: string;
}

export interface CredentialProfile {
  name: string;
  /** The CLI's mode (AK, StsToken, RamRoleArn...) or the ini file's type (access_key, sts...). */
  mode: string;
  source: 'aliyun-cli' | 'credentials-file';
  /** The profile the chain uses when no profile is named and the environment holds no AccessKey. */
  current: boolean;
  /** Whether this chain can use the profile's mode. */
  supported: boolean;
}

export const CREDENTIAL_ENV = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  profile: 'ALIBABA_CLOUD_PROFILE',
  credentialsFile: 'ALIBABA_CLOUD_CREDENTIALS_FILE',
} as const;

export function nodeCredentialEnvironment(): CredentialEnvironment {
  return {
    env: process.env,
    homeDir: homedir(),
    async readFile(path: string): Promise<string | undefined> {
      try {
        return await readFile(path, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw e;
      }
    },
  };
}

/** The two files the chain reads, for a file watcher; `cli` and `ini` are real paths. */
export function credentialFiles(envt: CredentialEnvironment): { cli: string; ini: string } {
  const loc = locate(envt);
  return { cli: loc.cli.path, ini: loc.ini.path };
}

export async function resolveCredentials(req: CredentialRequest, envt: CredentialEnvironment): Promise<Credentials> {
  const searched: string[] = [];

  if (req.explicit) {
    const source = clean(req.explicit.source) ?? 'the explicit AccessKey';
    const found = pair(source, clean(req.explicit.accessKeyId), clean(req.explicit.accessKeySecret), clean(req.explicit.securityToken), {
      id: 'the AccessKeyId',
      secret: 'the AccessKey secret',
    });
    if (found) return found;
    searched.push(source);
  }

  const loc = locate(envt);
  const named = clean(req.profile) ?? clean(envt.env[CREDENTIAL_ENV.profile]);
  if (named) return resolveNamedProfile(named, envt, loc);

  const env = envt.env;
  const fromEnv = pair(
    'environment variables',
    clean(env[CREDENTIAL_ENV.accessKeyId]),
    clean(env[CREDENTIAL_ENV.accessKeySecret]),
    clean(env[CREDENTIAL_ENV.securityToken]),
    { id: CREDENTIAL_ENV.accessKeyId, secret: CREDENTIAL_ENV.accessKeySecret },
  );
  if (fromEnv) return fromEnv;
  searched.push(`environment variables ${CREDENTIAL_ENV.accessKeyId} and ${CREDENTIAL_ENV.accessKeySecret}`);

  const cli = await loadCliConfig(envt, loc.cli);
  if (!cli) {
    searched.push(`${loc.cli.display} (no such file)`);
  } else {
    const name = currentCliProfileName(cli);
    const profile = cli.profiles.find((p) => p.name === name);
    const found = profile && fromCliProfile(profile, loc.cli.display, false);
    if (found) return found;
    searched.push(`${loc.cli.display} (${profile ? `profile "${name}" holds no AccessKey` : `no profile "${name}"`})`);
  }

  const ini = await loadIniFile(envt, loc.ini);
  const iniPlace = `${loc.ini.display} [default]`;
  if (!ini) {
    searched.push(`${iniPlace} (no such file)`);
  } else {
    const section = ini.get('default');
    const found = section && fromIniSection('default', section, loc.ini.display, false);
    if (found) return found;
    searched.push(`${iniPlace} (${section ? 'holds no AccessKey' : 'no such section'})`);
  }

  throw credentialsError({ code: 'noCredentials', searched });
}

/** Every profile in the CLI file and the ini file, for a "select profile" picker. */
export async function listProfiles(envt: CredentialEnvironment): Promise<CredentialProfile[]> {
  const loc = locate(envt);
  const cli = await loadCliConfig(envt, loc.cli);
  const ini = await loadIniFile(envt, loc.ini);
  const out: CredentialProfile[] = [];
  for (const p of cli?.profiles ?? []) {
    const mode = cliMode(p);
    out.push({ name: p.name, mode, source: 'aliyun-cli', current: false, supported: CLI_MODES.has(mode.toLowerCase()) });
  }
  for (const [name, values] of ini ?? []) {
    const mode = iniType(values);
    out.push({ name, mode, source: 'credentials-file', current: false, supported: INI_TYPES.has(mode.toLowerCase()) });
  }

  // Mark the one profile the chain would reach without an explicit choice (the environment's keys aside),
  // passing over an empty profile as the chain does.
  const named = clean(envt.env[CREDENTIAL_ENV.profile]);
  const cliCurrent = cli?.profiles.find((p) => p.name === currentCliProfileName(cli));
  const iniDefault = ini?.get('default');
  const currentIndex = named
    ? out.findIndex((p) => p.name === named)
    : cliCurrent && !emptyCliProfile(cliCurrent)
      ? cli!.profiles.indexOf(cliCurrent)
      : iniDefault && !emptyIniSection(iniDefault)
        ? out.findIndex((p) => p.source === 'credentials-file' && p.name === 'default')
        : -1;
  if (currentIndex >= 0) out[currentIndex]!.current = true;
  return out;
}

/** "LTAI****abcd from environment variables": a masked AccessKeyId and the source, never the secret. */
export function describeCredentials(c: Credentials): string {
  return `${maskAccessKeyId(c.accessKeyId)}${c.securityToken ? ' (STS)' : ''} from ${c.source}`;
}

export function maskAccessKeyId(id: string): string {
  return id.length >= 12 ? `${id.slice(0, 4)}****${id.slice(-4)}` : '****';
}

// ---------------------------------------------------------------------------------------------------

interface Place {
  path: string;
  /** The path with the home directory shown as `~`. */
  display: string;
  /** Set when the user named this file, so its absence is an error rather than a place to skip. */
  namedBy?: string;
}

function locate(envt: CredentialEnvironment): { cli: Place; ini: Place } {
  const home = envt.homeDir;
  const cliPath = join(home, '.aliyun', 'config.json');
  const iniEnv = clean(envt.env[CREDENTIAL_ENV.credentialsFile]);
  const iniPath = iniEnv ? expandHome(iniEnv, home) : join(home, '.alibabacloud', 'credentials');
  return {
    cli: { path: cliPath, display: displayPath(cliPath, home) },
    ini: { path: iniPath, display: displayPath(iniPath, home), namedBy: iniEnv ? CREDENTIAL_ENV.credentialsFile : undefined },
  };
}

function expandHome(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? join(home, p.slice(1)) : p;
}

function displayPath(p: string, home: string): string {
  const h = home.replace(/[\\/]+$/, '');
  if (h && p.startsWith(h) && (p.length === h.length || p[h.length] === '/' || p[h.length] === '\\')) {
    return `~${p.slice(h.length)}`;
  }
  return p;
}

/** Trimmed, with the empty string counted as missing. */
function clean(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** Credentials from an id/secret pair; undefined when neither is there; an error when only one is. */
function pair(
  source: string,
  id: string | undefined,
  secret: string | undefined,
  token: string | undefined,
  names: { id: string; secret: string },
): Credentials | undefined {
  if (id && secret) return token ? { accessKeyId: id, accessKeySecret: secret, securityToken: token, source } : { accessKeyId: id, accessKeySecret: secret, source };
  if (!id && !secret && !token) return undefined;
  const missing = [id ? '' : names.id, secret ? '' : names.secret].filter(Boolean).join(' and ');
  throw credentialsError({ code: 'incompleteCredentials', source, missing });
}

async function resolveNamedProfile(name: string, envt: CredentialEnvironment, loc: { cli: Place; ini: Place }): Promise<Credentials> {
  const searched: string[] = [];

  const cli = await loadCliConfig(envt, loc.cli);
  const profile = cli?.profiles.find((p) => p.name === name);
  if (profile) return fromCliProfile(profile, loc.cli.display, true)!;
  searched.push(`${loc.cli.display} (${cli ? namesNote(cli.profiles.map((p) => p.name)) : 'no such file'})`);

  const ini = await loadIniFile(envt, loc.ini);
  const section = ini?.get(name);
  if (section) return fromIniSection(name, section, loc.ini.display, true)!;
  searched.push(`${loc.ini.display} (${ini ? namesNote([...ini.keys()]) : 'no such file'})`);

  throw credentialsError({ code: 'profileNotFound', profile: name, searched });
}

function namesNote(names: string[]): string {
  return names.length ? `profiles: ${names.join(', ')}` : 'no profiles';
}

// --- the aliyun CLI's ~/.aliyun/config.json ---------------------------------------------------------

const optionalString = z.nullish(z.string());
const cliProfileSchema = z.looseObject({
  name: z.string(),
  mode: optionalString,
  access_key_id: optionalString,
  access_key_secret: optionalString,
  sts_token: optionalString,
});
const cliConfigSchema = z.looseObject({
  current: optionalString,
  profiles: z.nullish(z.array(cliProfileSchema)),
});
type CliProfile = z.infer<typeof cliProfileSchema>;

interface CliConfig {
  current: string | undefined;
  profiles: CliProfile[];
}

/** Modes this chain can serve, lower-cased. */
const CLI_MODES = new Set(['ak', 'ststoken']);

async function loadCliConfig(envt: CredentialEnvironment, place: Place): Promise<CliConfig | undefined> {
  const text = await read(envt, place);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch (e) {
    throw credentialsError({ code: 'credentialFileInvalid', path: place.display, detail: jsonErrorDetail(e, stripBom(text)) });
  }
  const parsed = cliConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issuePath(issue.path) : '';
    const detail = issue?.code === 'invalid_type' ? `expected ${issue.expected}` : 'unexpected content';
    throw credentialsError({ code: 'credentialFileInvalid', path: place.display, detail: where ? `${where}: ${detail}` : detail });
  }
  return {
    current: clean(parsed.data.current),
    profiles: (parsed.data.profiles ?? []).map((p) => ({ ...p, name: p.name.trim() })),
  };
}

/** The CLI writes `current`; a file without one falls back to "default", the CLI's default profile name. */
function currentCliProfileName(cli: CliConfig): string {
  return cli.current ?? 'default';
}

/** A profile without a mode is an AK profile: the CLI's default mode. */
function cliMode(p: CliProfile): string {
  return clean(p.mode) ?? 'AK';
}

/** A profile of a mode we serve with no key material at all, such as the one a fresh CLI install writes. */
function emptyCliProfile(p: CliProfile): boolean {
  return CLI_MODES.has(cliMode(p).toLowerCase()) && !clean(p.access_key_id) && !clean(p.access_key_secret) && !clean(p.sts_token);
}

/**
 * Credentials from a CLI profile the chain reached. An empty profile is skipped unless the user named
 * it; any other gap, and a mode we cannot serve, is an error.
 */
function fromCliProfile(p: CliProfile, file: string, named: boolean): Credentials | undefined {
  const source = `aliyun CLI profile "${p.name}" (${file})`;
  const mode = cliMode(p);
  const kind = mode.toLowerCase();
  if (!CLI_MODES.has(kind)) throw credentialsError({ code: 'unsupportedCredentialMode', mode, source });
  if (!named && emptyCliProfile(p)) return undefined;
  const id = clean(p.access_key_id);
  const secret = clean(p.access_key_secret);
  const token = kind === 'ststoken' ? clean(p.sts_token) : undefined;
  return keyMaterial(source, id, secret, token, kind === 'ststoken' ? 'sts_token' : undefined);
}

// --- the SDK's ini file, ~/.alibabacloud/credentials -------------------------------------------------

/** Types this chain can serve, lower-cased. */
const INI_TYPES = new Set(['access_key', 'sts']);

/** A section without a type is read as access_key, the type every SDK example writes. */
function iniType(values: ReadonlyMap<string, string>): string {
  return clean(values.get('type')) ?? 'access_key';
}

function emptyIniSection(values: ReadonlyMap<string, string>): boolean {
  return INI_TYPES.has(iniType(values).toLowerCase()) && !['access_key_id', 'access_key_secret', 'security_token'].some((k) => clean(values.get(k)));
}

function fromIniSection(name: string, values: ReadonlyMap<string, string>, file: string, named: boolean): Credentials | undefined {
  const source = `credentials file profile "${name}" (${file})`;
  const type = iniType(values);
  const kind = type.toLowerCase();
  if (!INI_TYPES.has(kind)) throw credentialsError({ code: 'unsupportedCredentialMode', mode: type, source });
  if (!named && emptyIniSection(values)) return undefined;
  const id = clean(values.get('access_key_id'));
  const secret = clean(values.get('access_key_secret'));
  const token = kind === 'sts' ? clean(values.get('security_token')) : undefined;
  return keyMaterial(source, id, secret, token, kind === 'sts' ? 'security_token' : undefined);
}

/** Credentials from a profile's fields, or incompleteCredentials naming the missing ones. */
function keyMaterial(source: string, id: string | undefined, secret: string | undefined, token: string | undefined, tokenField: string | undefined): Credentials {
  const missing = [id ? '' : 'access_key_id', secret ? '' : 'access_key_secret', tokenField && !token ? tokenField : '']
    .filter(Boolean)
    .join(' and ');
  if (missing) throw credentialsError({ code: 'incompleteCredentials', source, missing });
  return token ? { accessKeyId: id!, accessKeySecret: secret!, securityToken: token, source } : { accessKeyId: id!, accessKeySecret: secret!, source };
}

/**
 * Parses the ini file into sections of lower-cased keys. Hand-written rather than `ini.parse` because
 * that one never rejects a line (so a broken file cannot be reported) and nests `[a.b]` under `a`.
 */
function parseIni(text: string): { sections: Map<string, Map<string, string>> } | { badLine: number; reason: string } {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  const lines = stripBom(text).split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const m = /^\[([^\]]*)\]\s*(?:[;#].*)?$/.exec(line);
      const name = m?.[1]?.trim();
      if (!name) return { badLine: i + 1, reason: m ? 'has an empty section name' : 'has an unclosed section header' };
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!key) return { badLine: i + 1, reason: 'is not a [section], a key = value line or a comment' };
    // Keys above the first section belong to no profile; the SDKs ignore them too.
    current?.set(key.toLowerCase(), iniValue(line.slice(eq + 1)));
  }
  return { sections };
}

function iniValue(raw: string): string {
  let v = raw.trim();
  const q = v[0];
  if ((q === '"' || q === "'") && v.length >= 2 && v.endsWith(q)) return v.slice(1, -1);
  // An inline comment needs whitespace before it, so a value may still contain ; or #.
  const comment = /\s[;#]/.exec(v);
  if (comment) v = v.slice(0, comment.index).trimEnd();
  return v;
}

async function loadIniFile(envt: CredentialEnvironment, place: Place): Promise<Map<string, Map<string, string>> | undefined> {
  const text = await read(envt, place);
  if (text === undefined) return undefined;
  const parsed = parseIni(text);
  if ('badLine' in parsed) {
    throw credentialsError({ code: 'credentialFileInvalid', path: place.display, detail: `line ${parsed.badLine} ${parsed.reason}` });
  }
  return parsed.sections;
}

// --- reading files -----------------------------------------------------------------------------------

async function read(envt: CredentialEnvironment, place: Place): Promise<string | undefined> {
  let text: string | undefined;
  try {
    text = await envt.readFile(place.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    throw credentialsError({ code: 'credentialFileInvalid', path: place.display, detail: code ? `cannot be read (${code})` : 'cannot be read' });
  }
  if (text === undefined && place.namedBy) {
    throw credentialsError({ code: 'credentialFileInvalid', path: place.display, detail: `no such file (named by ${place.namedBy})` });
  }
  return text;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The parser's complaint and where, without the excerpt of the file V8 may quote (it may hold a secret). */
function jsonErrorDetail(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : '';
  const at = /^(.*?) (?:in|after) JSON at position (\d+)/.exec(message);
  if (at && !at[1]!.includes('"')) {
    const pos = Number(at[2]);
    const before = text.slice(0, pos);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = pos - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return `not valid JSON: ${at[1]} (line ${line}, column ${column})`;
  }
  if (/Unexpected end of JSON input/.test(message)) return 'not valid JSON: it ends too early';
  return 'not valid JSON';
}

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}
