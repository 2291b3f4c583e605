/**
 * NATS users and subject permissions for one Zhanye namespace: one user per component, each
 * allowed exactly the subjects its code uses (see docs/nats-security.md for the derivation).
 *
 *   tsx scripts/nats-config.ts --ns prod [--shared-inbox] > nats-zhanye.conf
 *
 * prints a server configuration whose passwords are read by nats-server from environment
 * variables (`ZY_NATS_<USER>_PASSWORD`); the test bff/kit/test/nats-permissions.test.ts renders
 * the same permissions with literal passwords and runs a server with them.
 */
import {
  apiSubject,
  auditSubject,
  authenticateCall,
  DOMAINS,
  type DomainDecl,
  EVENTS_STREAM,
  endSessionCall,
  type InternalCall,
  mfaSetupCall,
  mfaVerifyCall,
  passwordStepCall,
  pushSubject,
  refreshSessionCall,
  registerReleaseCall,
  SESSION_BUCKETS,
  sessionBucket,
  sessionPrincipalCall,
} from '@zhanye/contracts';

export interface SubjectRules {
  allow: string[];
  deny?: string[];
}
export interface NatsPermissions {
  publish: SubjectRules;
  subscribe: SubjectRules;
  /** The user may publish one reply to the reply subject of each request it received. */
  allow_responses?: boolean;
}

/** A durable JetStream consumer a service creates (kit `consumeEvent`): name without namespace, filter. */
interface ConsumerUse {
  durable: string;
  event: string;
}

interface Component {
  /** Service domain (`api.<domain>`, `svc.<domain>.>`, `evt.<domain>.>`, `$SRV` name `zy-<domain>`). */
  domain?: string;
  /** Requests it sends (relative subjects). */
  requests: string[];
  /** Events it publishes to JetStream besides its audit records (`evt.audit.<component>`). */
  events: string[];
  consumers: ConsumerUse[];
  /** Asks `$SRV.STATS` of the services (platform `GET /api/platform/services`). */
  discovery?: boolean;
  /** Receives every domain's notices for the browsers (`push.>`, contracts push.ts: the gateway). */
  notices?: boolean;
  /** Pings every service at once (`$SRV.PING`) for its readiness (gateway `/readyz`). */
  readiness?: boolean;
  /** Opens a JetStream context (kit `connectBus` checks the JetStream API at connect). */
  jetstream: boolean;
  /** Session KV buckets (ops provisions them): written by the platform, watched by the gateway. */
  kv?: { write?: Bucket[]; watch?: Bucket[] };
}

type Bucket = keyof typeof SESSION_BUCKETS;
const BUCKETS = Object.keys(SESSION_BUCKETS) as Bucket[];

const call = (c: InternalCall) => c.subject;

/** What a domain service does on NATS, from its declaration (contracts `<name>.domain.ts`). */
function domainComponent(d: DomainDecl): Component {
  return {
    domain: d.name,
    requests: (d.calls ?? []).map(call),
    // its events go through its outbox, published on its own `evt.<domain>.*` subjects
    events: d.events?.length ? [`evt.${d.name}.>`] : [],
    consumers: (d.consumes ?? []).map((c) => ({ durable: c.durable, event: c.event.subject })),
    jetstream: true,
    ...(d.nats?.discovery ? { discovery: true } : {}),
    ...(d.nats?.kv ? { kv: { write: d.nats.kv.write as Bucket[], watch: d.nats.kv.watch as Bucket[] } } : {}),
  };
}

/**
 * What each component's code does on NATS. The domain services come from their declarations; the
 * gateway and the release tooling are not domains and are described here.
 */
export const COMPONENTS: Record<string, Component> = {
  gateway: {
    // every `/api/<domain>` is forwarded to `api.<domain>`: the gateway holds no domain list
    requests: [
      apiSubject('*'),
      // the sign-in steps and sessions live in the platform
      ...[
        authenticateCall,
        mfaSetupCall,
        mfaVerifyCall,
        passwordStepCall,
        refreshSessionCall,
        sessionPrincipalCall,
        endSessionCall,
      ].map(call),
    ],
    events: [],
    consumers: [],
    jetstream: true,
    kv: { watch: BUCKETS },
    // /readyz: is a copy of every service answering?
    readiness: true,
    notices: true,
  },
  ...Object.fromEntries(DOMAINS.map((d) => [d.name, domainComponent(d)])),
  // scripts/lib/stack.ts publishApps: registers releases of a fresh namespace
  release: { requests: [call(registerReleaseCall)], events: [], consumers: [], jetstream: true },
};

/** The namespace's event stream (kit `events.ts`). */
export const streamName = (ns: string) => `${EVENTS_STREAM}_${ns.toUpperCase()}`;
/** Per-user reply subjects: `_INBOX_<user>.>` (nats.js `inboxPrefix`). */
export const inboxPrefix = (user: string) => `_INBOX_${user}`;

export interface PermissionOptions {
  /**
   * Every user may subscribe to `_INBOX.>` (what the kit does today: `connectBus` sets no
   * `inboxPrefix`). Weaker: any user can then read the replies meant for any other.
   */
  sharedInbox?: boolean;
}

/** Least-privilege permissions of one component in namespace `ns`. */
export function componentPermissions(
  ns: string,
  user: string,
  opts: PermissionOptions = {},
): NatsPermissions {
  const c = COMPONENTS[user];
  if (!c) throw new Error(`unknown component ${user}`);
  const n = (s: string) => `${ns}.${s}`;
  const stream = streamName(ns);
  const publish: string[] = [...c.requests.map(n), ...c.events.map(n)];
  const subscribe: string[] = [opts.sharedInbox ? '_INBOX.>' : `${inboxPrefix(user)}.>`];
  if (c.jetstream) {
    // connectBus -> jetstreamManager() reads the account info; every audited mutation is a JetStream
    // publish on the component's own audit subject only: it cannot write records in another's name
    publish.push('$JS.API.INFO', n(auditSubject(user)));
  }
  if (c.domain) {
    const d = c.domain;
    subscribe.push(n(apiSubject(d)), n(`svc.${d}.>`));
    // service discovery (@nats-io/services): `$SRV.<verb>`, `$SRV.<verb>.<name>`, `$SRV.<verb>.<name>.<id>`
    subscribe.push('$SRV.*', `$SRV.*.zy-${d}`, `$SRV.*.zy-${d}.*`);
    // startService -> ensureEventStream: the stream is provisioned by ops, services only look it up
    publish.push(`$JS.API.STREAM.INFO.${stream}`);
    // notices to signed-in browsers (contracts push.ts): only on its own domain's subject
    publish.push(n(pushSubject(d)));
  }
  // the gateway forwards every domain's notices to the sessions they are meant for
  if (c.notices) subscribe.push(n(pushSubject('>')));
  for (const { durable, event } of c.consumers) {
    const name = `${ns}-${durable}`;
    publish.push(
      `$JS.API.CONSUMER.INFO.${stream}.${name}`,
      // only this name with this filter: the server checks the filter in the subject against the config
      `$JS.API.CONSUMER.CREATE.${stream}.${name}.${n(event)}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${name}`,
      `$JS.ACK.${stream}.${name}.>`,
    );
  }
  for (const b of c.kv?.write ?? []) {
    const bucket = sessionBucket(ns, b);
    // `Kvm.create` looks the bucket up (ops made it); `put` is a JetStream publish on `$KV.<bucket>.<key>`
    publish.push(`$JS.API.STREAM.INFO.KV_${bucket}`, `$KV.${bucket}.>`);
  }
  for (const b of c.kv?.watch ?? []) {
    const bucket = sessionBucket(ns, b);
    // `watch` is an ordered push consumer delivering to this user's inbox, with flow control
    publish.push(
      `$JS.API.STREAM.INFO.KV_${bucket}`,
      `$JS.API.CONSUMER.CREATE.KV_${bucket}`,
      `$JS.API.CONSUMER.CREATE.KV_${bucket}.>`,
      `$JS.API.CONSUMER.DELETE.KV_${bucket}.>`,
      `$JS.FC.KV_${bucket}.>`,
    );
  }
  if (c.discovery) publish.push('$SRV.STATS.>', '$SRV.INFO.>', '$SRV.PING.>');
  if (c.readiness) publish.push('$SRV.PING');
  return {
    publish: { allow: publish },
    subscribe: { allow: subscribe },
    ...(c.domain ? { allow_responses: true } : {}),
  };
}

/** The provisioning user: creates and updates the stream (and may manage consumers); never run by a service. */
export function opsPermissions(ns: string): NatsPermissions {
  const stream = streamName(ns);
  return {
    publish: {
      allow: [
        '$JS.API.INFO',
        `$JS.API.STREAM.*.${stream}`,
        `$JS.API.CONSUMER.*.${stream}.>`,
        `$JS.API.CONSUMER.*.${stream}`,
        // the session buckets (KV streams)
        ...BUCKETS.map((b) => `$JS.API.STREAM.*.KV_${sessionBucket(ns, b)}`),
      ],
      deny: [`$JS.API.STREAM.DELETE.${stream}`, `$JS.API.STREAM.PURGE.${stream}`],
    },
    subscribe: { allow: ['_INBOX.>'] },
  };
}

export type Secret = { password: string } | { passwordEnv: string } | { nkey: string };

export interface ServerConfigOptions {
  ns: string;
  /** Users to include, each with its secret; a name not in COMPONENTS must be `ops`. */
  users: Record<string, Secret>;
  host?: string;
  port?: number;
  account?: string;
  /** JetStream store directory; omitted -> JetStream off. */
  jetstreamDir?: string;
  tls?: { cert: string; key: string; ca?: string; verify?: boolean };
  permissions?: PermissionOptions;
}

const q = (s: string) => JSON.stringify(s);

function renderSecret(s: Secret): string {
  if ('nkey' in s) return `nkey: ${q(s.nkey)}`;
  // an unquoted `$NAME` is read by nats-server from its environment
  if ('passwordEnv' in s) return `password: $${s.passwordEnv}`;
  return `password: ${q(s.password)}`;
}

/** A nats-server configuration file for one namespace (one account, one user per component). */
export function renderNatsConfig(o: ServerConfigOptions): string {
  const users = Object.entries(o.users).map(([user, secret]) => {
    const perms = user === 'ops' ? opsPermissions(o.ns) : componentPermissions(o.ns, user, o.permissions);
    return `      { user: ${q(user)}, ${renderSecret(secret)}, permissions: ${JSON.stringify(perms)} }`;
  });
  const lines = [
    `host: ${q(o.host ?? '0.0.0.0')}`,
    `port: ${o.port ?? 4222}`,
    'max_payload: 1MB',
    'authorization { timeout: 2 }',
  ];
  if (o.tls) {
    lines.push(
      'tls {',
      `  cert_file: ${q(o.tls.cert)}`,
      `  key_file: ${q(o.tls.key)}`,
      ...(o.tls.ca ? [`  ca_file: ${q(o.tls.ca)}`] : []),
      ...(o.tls.verify ? ['  verify: true'] : []),
      '  timeout: 2',
      '}',
    );
  }
  if (o.jetstreamDir) lines.push(`jetstream { store_dir: ${q(o.jetstreamDir)} }`);
  lines.push(
    'accounts {',
    `  ${o.account ?? 'ZHANYE'} {`,
    ...(o.jetstreamDir ? ['    jetstream: enabled'] : []),
    '    users: [',
    users.join(',\n'),
    '    ]',
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const ns = args[args.indexOf('--ns') + 1] ?? 'prod';
  const names = [...Object.keys(COMPONENTS), 'ops'];
  process.stdout.write(
    renderNatsConfig({
      ns: args.includes('--ns') ? ns : 'prod',
      users: Object.fromEntries(
        names.map((u) => [u, { passwordEnv: `ZY_NATS_${u.toUpperCase()}_PASSWORD` }]),
      ),
      jetstreamDir: '/var/lib/nats/jetstream',
      tls: {
        cert: '/etc/nats/tls/server.crt',
        key: '/etc/nats/tls/server.key',
        ca: '/etc/nats/tls/ca.crt',
        verify: true,
      },
      permissions: { sharedInbox: args.includes('--shared-inbox') },
    }),
  );
}
