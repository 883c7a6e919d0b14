/**
 * Secrets at rest: passwords as argon2id hashes; API client secrets (long random values) as
 * SHA-256, which is enough for high-entropy secrets and keeps the token endpoint fast.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password, { algorithm: 2 /* Argon2id */ });

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

export const hashClientSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function clientSecretMatches(storedHash: string, secret: string): boolean {
  const given = Buffer.from(hashClientSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
