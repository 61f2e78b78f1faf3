// Structured logs: one line per event. Fields that could carry secrets are redacted by name. JSON lines
// for journals and collectors; on a terminal (or when asked), the same events as sentences.
import { pino, type Logger, type DestinationStream } from 'pino';
import type { LogFormat, LogLevel } from './config/options.ts';

const LEVEL_WORDS: Record<string, string> = { warn: 'Warning: ', error: 'Error: ', fatal: 'Error: ' };

export function createLogger(level: LogLevel, destination?: DestinationStream, format: LogFormat = 'json'): Logger {
  const text = format === 'text' || (format === 'auto' && process.stdout.isTTY === true);
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['*.token', '*.secret', '*.client_secret', '*.password', '*.authorization', 'token', 'secret', 'url'], censor: '[redacted]' },
    },
    destination ?? (text ? { write: (line: string) => void process.stdout.write(textLine(line)) } : undefined),
  );
}

/** A JSON log line as a sentence: its time, "Warning: " or "Error: ", its message (or else its event), then its other fields. */
export function textLine(json: string): string {
  const { level, time, event, message, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const clock = typeof time === 'string' ? new Date(time).toLocaleTimeString([], { hour12: false }) : '';
  const rest = Object.entries(fields).map(([name, value]) => ` ${name}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  return `${clock} ${LEVEL_WORDS[String(level)] ?? ''}${String(message ?? event ?? '')}${rest.join('')}\n`;
}
