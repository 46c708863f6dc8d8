import { randomBytes } from 'node:crypto';
// N-API build shipped per platform in the registry: the native `argon2` package crashed the process here.
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~20 ms here, so sign-in stays cheap to serve. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throw-away hash when there is no account, so an
 * unknown e-mail address takes as long to refuse as a wrong password.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  try {
    return await verify(stored ?? (await dummy), password);
  } catch {
    return false;
  }
}

/** 20 characters from an alphabet without look-alikes: about 115 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  let out = '';
  for (const b of bytes) {
    if (b < 224) out += alphabet[b % alphabet.length];
    if (out.length === 20) break;
  }
  return out.length === 20 ? out : generatePassword();
}
