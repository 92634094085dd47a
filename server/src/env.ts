import { isIP } from 'node:net';
import { z } from 'zod';
import { LOG_LEVELS } from './http/logging';

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a subnet (address/bits) or one of Express's names for a range. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/**
 * Which proxies' X-Forwarded-For to believe: a number of hops, or a comma-separated list of
 * addresses, subnets and names. `true` (believe anyone) is refused: any client could then
 * claim any address and walk around sign-in throttling.
 */
const TrustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    if (entries.length > 0 && entries.every(isProxyEntry)) return entries;
    ctx.addIssue({ code: 'custom', message: 'a number of proxies, or addresses, subnets and loopback/linklocal/uniquelocal, comma-separated' });
    return z.NEVER;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/hamkori.db'),
  /** PostgreSQL instead of SQLite: postgres://user:password@host:5432/database (pglite:<folder> runs it in process). */
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql|pglite):/i, 'a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Connections each instance keeps to PostgreSQL at most. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  HAMKORI_DEMO: z.enum(['0', '1']).default('1'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Folder for uploaded evidence files (stored under random names); unset, `uploads` beside the SQLite file, or the PostgreSQL database itself. */
  UPLOADS_PATH: z.string().min(1).optional(),
  /** Folder for automatic backups; unset turns them off. */
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** How many automatic backups to keep; older ones are deleted. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  /** 32 bytes in base64 sealing TOTP secrets; unset, a key file beside the database is used (made on first start). */
  HAMKORI_SECRET_KEY: z.string().min(1).optional(),
  /** The key file used when HAMKORI_SECRET_KEY is unset; default: secret.key in the database's folder. */
  SECRET_KEY_PATH: z.string().min(1).optional(),
  /** After SIGTERM, how long requests in flight get to finish before the process stops anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(10),
  /** Memory for answers to the hot read routes, kept until the next write; 0 turns the cache off. */
  RESPONSE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /** Behind a reverse proxy: whose X-Forwarded-For names the client (sign-in throttling counts by it). Unset: nobody's. */
  TRUST_PROXY: TrustProxySchema.optional(),
});
export type Env = z.infer<typeof EnvSchema>;

/** Reads and checks the environment once; a bad value stops the start with a clear message. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
