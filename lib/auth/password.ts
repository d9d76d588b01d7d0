import crypto from "node:crypto";
import os from "node:os";
import { promisify } from "node:util";

const KEY_LENGTH = 64;
// N=2^15 keeps a sign-in under ~100 ms on a small server while staying costly to brute-force.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

const scryptOnPool = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * At most half the cores hash at once (at least one): a flood of sign-in attempts then
 * queues here instead of taking every core from the thread that serves the pages.
 */
const MAX_PARALLEL_HASHES = Math.max(1, Math.floor(os.availableParallelism() / 2));
let hashing = 0;
const waiting: (() => void)[] = [];

async function scryptAsync(password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions): Promise<Buffer> {
  // A finished hash hands its slot straight to the next in line.
  if (hashing >= MAX_PARALLEL_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else hashing++;
  try {
    return await scryptOnPool(password, salt, keylen, options);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

function format(salt: Buffer, hash: Buffer): string {
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/**
 * `scrypt$N$r$p$salt$hash`, all base64url. Synchronous: used where an owner creates or resets
 * an account (rare, signed in). Sign-in checks use `verifyPassword`, which runs on libuv's
 * thread pool so a flood of guesses never stalls the pages.
 */
export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  return format(salt, crypto.scryptSync(password, salt, KEY_LENGTH, PARAMS));
}

/** The same hash, computed off the event loop. */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return format(salt, await scryptAsync(password, salt, KEY_LENGTH, PARAMS));
}

/** Off the event loop. Reads every hash written so far (any N, r, p in the stored string). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return crypto.timingSafeEqual(expected, actual);
}

/** True when a stored hash was made with other parameters than today's: rehash it after a good sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split("$");
  return scheme !== "scrypt" || Number(n) !== PARAMS.N || Number(r) !== PARAMS.r || Number(p) !== PARAMS.p;
}

/** A well-formed hash of nothing anyone knows: checked when the email is unknown, so timing does not tell. */
export const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(86)}`;

export const MIN_PASSWORD_LENGTH = 8;
