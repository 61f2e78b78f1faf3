// The configuration flags (--port, --data-dir, ...) on a command line: read the same way by `gatehouse`,
// the `npm start` launcher and the desktop app.
import { OPTION_SOURCES } from './load.ts';
import type { OptionName } from './options.ts';

/** node:util parseArgs options for every configuration flag. */
export const CONFIG_FLAG_OPTIONS: Record<string, { type: 'string' }> = Object.fromEntries(
  (Object.keys(OPTION_SOURCES) as OptionName[])
    .filter((option) => OPTION_SOURCES[option].flag)
    .map((option) => [OPTION_SOURCES[option].flag!, { type: 'string' }]),
);

/** The configuration flags among parseArgs values, by option name (the form loadOptions takes). */
export function configFlagValues(values: Record<string, unknown>): Partial<Record<OptionName, string>> {
  const flags: Partial<Record<OptionName, string>> = {};
  for (const option of Object.keys(OPTION_SOURCES) as OptionName[]) {
    const flag = OPTION_SOURCES[option].flag;
    const value = flag ? values[flag] : undefined;
    if (typeof value === 'string') flags[option] = value;
  }
  return flags;
}
