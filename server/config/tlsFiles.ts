// Reads the certificate and key Gatehouse serves https with, and checks they belong together, so a
// wrong file is a sentence at start rather than a failed handshake later.
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import { GatehouseError } from '../model/errors.ts';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** A PEM chain or key is a few kilobytes; anything near this is the wrong file. */
const MAX_PEM_BYTES = 1024 * 1024;

/**
 * Reads one PEM file without ever blocking the server: only a regular file of a sane size is read,
 * never a pipe (waits for a writer) or a device such as /dev/zero (never ends).
 */
async function readPemFile(file: string, what: string, field: string): Promise<Buffer> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe would otherwise wait for a writer (a thread of the pool, forever).
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new GatehouseError(
      'tls_file_unreadable',
      `Cannot read the TLS ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path and that Gatehouse may read it.`,
      { field },
    );
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new GatehouseError(
        'tls_file_not_regular',
        `The TLS ${what} ${file} is not a regular file (it is a ${stats.isDirectory() ? 'folder' : stats.isFIFO() ? 'named pipe' : 'device or socket'}); give the path of the PEM file itself.`,
        { field },
      );
    }
    if (stats.size > MAX_PEM_BYTES) {
      throw new GatehouseError(
        'tls_file_too_large',
        `The TLS ${what} ${file} is ${(stats.size / 1024 / 1024).toFixed(1)} MiB, but a PEM file is a few kilobytes (at most 1 MiB here); check that this is the right file.`,
        { field },
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export async function readTlsFiles(certFile: string, keyFile: string): Promise<TlsFiles> {
  const files = { cert: await readPemFile(certFile, 'certificate', 'tlsCertFile'), key: await readPemFile(keyFile, 'private key', 'tlsKeyFile') };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new GatehouseError(
      'tls_files_invalid',
      `The TLS certificate ${certFile} and key ${keyFile} cannot be used together (${(error as Error).message}); give a PEM certificate chain and the PEM private key that belongs to it.`,
      { field: 'tlsCertFile' },
    );
  }
  return files;
}
