// Reads the certificate and key Gatehouse serves https with, and checks they belong together, so a
// wrong file is a sentence at start rather than a failed handshake later.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { GatehouseError } from '../errors.ts';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export function readTlsFiles(certFile: string, keyFile: string): TlsFiles {
  const read = (file: string, what: string, field: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new GatehouseError('tls_file_unreadable', `Cannot read the TLS ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path and that Gatehouse may read it.`, 400, field);
    }
  };
  const files = { cert: read(certFile, 'certificate', 'tlsCertFile'), key: read(keyFile, 'private key', 'tlsKeyFile') };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new GatehouseError('tls_files_invalid', `The TLS certificate ${certFile} and key ${keyFile} cannot be used together (${(error as Error).message}); give a PEM certificate chain and the PEM private key that belongs to it.`, 400, 'tlsCertFile');
  }
  return files;
}
