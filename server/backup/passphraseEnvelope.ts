// A file encrypted with a passphrase, for backups that hold the key-encryption key: scrypt derives the
// key, AES-256-GCM seals the content. Layout: magic, header length (uint32), a JSON header with the
// parameters (bound as associated data), the ciphertext, the 16-byte tag.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { z } from 'zod';
import { GatehouseError } from '../model/errors.ts';

const MAGIC = Buffer.from('GATEHOUSE ENCRYPTED BACKUP\n');
const TAG_LENGTH = 16;
/** Large enough for any header this format writes; a longer one is not ours. */
const MAX_HEADER_LENGTH = 1024;
export const MIN_PASSPHRASE_LENGTH = 12;

const base64Of = (bytes: number) =>
  z.string().refine((text) => Buffer.from(text, 'base64').length === bytes && Buffer.from(text, 'base64').toString('base64') === text);

/**
 * The header, checked whole before any of it is used: a changed file must not make a restore derive with
 * absurd scrypt parameters (2^20 × 32 takes 4 GiB) or fail on a missing field.
 */
const headerSchema = z.object({
  version: z.literal(1),
  kdf: z.literal('scrypt'),
  /** scrypt's cost (a power of two), block size and parallelism; at most 256 MiB of memory. */
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 18)
    .refine((n) => (n & (n - 1)) === 0),
  r: z.number().int().min(1).max(8),
  p: z.number().int().min(1).max(4),
  salt: base64Of(16),
  iv: base64Of(12),
  /** A hash of a second derived key: tells a wrong passphrase from a damaged file before decrypting. */
  check: base64Of(32),
});

type EnvelopeHeader = z.infer<typeof headerSchema>;

/** 2^17 × 8 takes 128 MiB and a fraction of a second: costly to guess, quick to use once. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 };

function deriveKeys(passphrase: string, header: Pick<EnvelopeHeader, 'N' | 'r' | 'p' | 'salt'>): Promise<{ key: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(
      // The same words typed on another system may come composed differently.
      passphrase.normalize('NFC'),
      Buffer.from(header.salt, 'base64'),
      64,
      { N: header.N, r: header.r, p: header.p, maxmem: 256 * header.N * header.r + 2 ** 20 },
      (error, derived) => {
        if (error) reject(error);
        else resolve({ key: derived.subarray(0, 32), check: createHash('sha256').update(derived.subarray(32)).digest() });
      },
    );
  });
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new GatehouseError(
      'backup_passphrase_invalid',
      `the passphrase is ${[...passphrase].length} characters long; a backup that holds the key needs at least ${MIN_PASSPHRASE_LENGTH} (a few unrelated words are easy to remember)`,
    );
}

/** A stream that encrypts what flows through it into the envelope, header first and tag last. */
export async function encryptingStream(passphrase: string): Promise<Transform> {
  checkPassphrase(passphrase);
  const salt = randomBytes(16).toString('base64');
  const iv = randomBytes(12);
  const { key, check } = await deriveKeys(passphrase, { ...SCRYPT, salt });
  const header: EnvelopeHeader = { version: 1, kdf: 'scrypt', ...SCRYPT, salt, iv: iv.toString('base64'), check: check.toString('base64') };
  const prefix = headerBytes(header);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(prefix);
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, cipher.update(chunk));
    },
    flush(done) {
      done(null, Buffer.concat([cipher.final(), cipher.getAuthTag()]));
    },
  });
  stream.push(prefix);
  return stream;
}

function headerBytes(header: EnvelopeHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/** Whether the file starts like an envelope (a plain backup starts like gzip). */
export function isEncryptedFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length);
    return readSync(fd, start, 0, MAGIC.length, 0) === MAGIC.length && start.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

/**
 * The envelope's ciphertext and the stream that decrypts it, to pipe one into the other. A wrong passphrase
 * is refused before anything is decrypted; a changed or cut-off file makes the decryption fail at its end
 * (the tag), so whatever reads it must treat its output as unusable until the pipeline ended without error.
 */
export async function decryptingStreams(file: string, passphrase: string): Promise<[Readable, Transform]> {
  const damaged = () =>
    new GatehouseError(
      'restore_damaged',
      `${file} is not a whole encrypted Gatehouse backup (its header is damaged or cut off); use another copy of the backup`,
    );
  const fd = openSync(file, 'r');
  let prefix: Buffer;
  let header: EnvelopeHeader;
  let size: number;
  let tag: Buffer;
  try {
    size = fstatSync(fd).size;
    const start = Buffer.alloc(MAGIC.length + 4 + MAX_HEADER_LENGTH);
    const read = readSync(fd, start, 0, start.length, 0);
    const length = read >= MAGIC.length + 4 ? start.readUInt32BE(MAGIC.length) : 0;
    if (length === 0 || length > MAX_HEADER_LENGTH || MAGIC.length + 4 + length + TAG_LENGTH >= size) throw damaged();
    prefix = start.subarray(0, MAGIC.length + 4 + length);
    let parsed: ReturnType<typeof headerSchema.safeParse>;
    try {
      parsed = headerSchema.safeParse(JSON.parse(prefix.subarray(MAGIC.length + 4).toString('utf8')));
    } catch {
      throw damaged();
    }
    if (!parsed.success) throw damaged();
    header = parsed.data;
    tag = Buffer.alloc(TAG_LENGTH);
    readSync(fd, tag, 0, TAG_LENGTH, size - TAG_LENGTH);
  } finally {
    closeSync(fd);
  }
  const { key, check } = await deriveKeys(passphrase, header);
  if (!timingSafeEqual(Buffer.from(header.check, 'base64'), check))
    throw new GatehouseError('restore_wrong_passphrase', `the passphrase does not open ${file}; give the passphrase chosen when the backup was made`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(prefix);
  decipher.setAuthTag(tag);
  return [createReadStream(file, { start: prefix.length, end: size - TAG_LENGTH - 1 }), decipher];
}
