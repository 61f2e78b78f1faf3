// Structured logs: one JSON line per event. Fields that could carry secrets are redacted by name.
import { pino, type Logger, type DestinationStream } from 'pino';
import type { LogLevel } from './config/options.ts';

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['*.token', '*.secret', '*.client_secret', '*.password', '*.authorization', 'token', 'secret', 'url'], censor: '[redacted]' },
    },
    destination,
  );
}
