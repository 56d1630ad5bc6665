import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Webhook secrets at rest: AES-256-GCM with a key from the environment, so a copy of the
 * database (a backup, FerretDB's SQLite file and its WAL) does not hold secrets that can sign
 * deliveries. Each value has its own random 96-bit IV and carries the id of the key that
 * sealed it, so keys can rotate: TICKERWIRE_SECRET_KEYS holds the current key first and
 * retired ones after it; values are opened with whichever key they name and sealed with the
 * current one.
 */

/** A secret as stored. Every field is base64 but the key id. */
export interface SealedSecret {
  keyId: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

export const SealedSecret = z.strictObject({
  keyId: z.string().min(1),
  iv: z.base64(),
  ciphertext: z.base64(),
  tag: z.base64(),
});

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
const keyBytes = 32;
const ivBytes = 12;

/** A secret that cannot be opened: unknown key id, or tampered / sealed for another record. */
export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

export class SecretKeyring {
  readonly #keys: ReadonlyMap<string, Buffer>;
  /** Id of the key new values are sealed with (the first in TICKERWIRE_SECRET_KEYS). */
  readonly currentKeyId: string;

  private constructor(keys: readonly (readonly [string, Buffer])[]) {
    const first = keys[0];
    if (!first) throw new RangeError('at least one key is needed');
    this.currentKeyId = first[0];
    this.#keys = new Map(keys);
  }

  /**
   * "id:base64key" entries separated by commas or white space, current key first; each key is
   * 32 random bytes in base64 (`openssl rand -base64 32`). Errors never repeat key material.
   */
  static parse(text: string): SecretKeyring {
    const entries = text.split(/[\s,]+/).filter((e) => e.length > 0);
    if (entries.length === 0) throw new RangeError('no key given');
    const keys: [string, Buffer][] = [];
    entries.forEach((entry, index) => {
      const colon = entry.indexOf(':');
      const id = colon < 0 ? '' : entry.slice(0, colon);
      const encoded = colon < 0 ? '' : entry.slice(colon + 1);
      const where = `key ${index + 1}`;
      if (!keyIdPattern.test(id)) throw new RangeError(`${where}: expected "id:base64key", the id of letters, digits, "-" and "_" (at most 32)`);
      if (keys.some(([known]) => known === id)) throw new RangeError(`${where}: the id "${id}" is used twice`);
      const key = Buffer.from(encoded, 'base64');
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) || key.length !== keyBytes) throw new RangeError(`${where} ("${id}"): the key must be ${keyBytes} bytes in base64 (openssl rand -base64 32)`);
      keys.push([id, key]);
    });
    return new SecretKeyring(keys);
  }

  /** A keyring with one fresh random key, for a throwaway run whose database dies with it. */
  static generate(id = 'run'): SecretKeyring {
    return new SecretKeyring([[id, randomBytes(keyBytes)]]);
  }

  /**
   * Seals `plaintext` with the current key. `context` (e.g. the subscription id) is
   * authenticated too, so a sealed value copied onto another record does not open there.
   */
  seal(plaintext: string, context: string): SealedSecret {
    const key = this.#keys.get(this.currentKeyId)!;
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  }

  /** Opens a value sealed with any key of the ring; throws SecretKeyError saying why it cannot. */
  open(sealed: SealedSecret, context: string): string {
    const key = this.#keys.get(sealed.keyId);
    if (!key) throw new SecretKeyError(`sealed with key "${sealed.keyId}", which TICKERWIRE_SECRET_KEYS does not hold (keep a retired key there until every secret was re-sealed)`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`does not open with key "${sealed.keyId}": altered, or sealed for another record`);
    }
  }

  /** Whether a sealed value should be sealed again with the current key (rotation). */
  isCurrent(sealed: SealedSecret): boolean {
    return sealed.keyId === this.currentKeyId;
  }
}

const missingKeyMessage =
  'not set: webhook secrets are encrypted at rest with it; generate a key with `openssl rand -base64 32` and set TICKERWIRE_SECRET_KEYS=k1:<that key> (README, "Security")';

/** The TICKERWIRE_SECRET_KEYS setting, parsed to a keyring; every bad entry refuses the start. */
export const SecretKeysSetting = z
  .string({ error: (issue) => (issue.input === undefined ? missingKeyMessage : 'a list of id:base64key') })
  .min(1, missingKeyMessage)
  .transform((text, context) => {
    try {
      return SecretKeyring.parse(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** For the config of every service that reads or writes subscription secrets (API, notifier). */
export const SecretKeysEnv = z.object({ TICKERWIRE_SECRET_KEYS: SecretKeysSetting });
