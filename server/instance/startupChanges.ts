// How saved start-up settings (issuer, port, bind address, trust proxy, TLS files) take effect: they
// apply only at a start, so the desktop shell restarts the server at once, while a headless server
// says, in the console's answer and in its log, that a restart is needed (it cannot restart the
// process it runs in the way its service manager expects).
import type { Logger } from 'pino';
import type { StartupChange } from '../admin/adminOperation.ts';

export function startupChangeHandler(restart: ((names: string[]) => void) | undefined, logger: Logger): (names: string[]) => StartupChange {
  if (restart) {
    return (names) => {
      restart(names);
      return 'restarting';
    };
  }
  return (names) => {
    logger.warn({ event: 'settings.restart_required', settings: names, message: 'Start-up settings were saved; restart Gatehouse to apply them.' });
    return 'restart_required';
  };
}
