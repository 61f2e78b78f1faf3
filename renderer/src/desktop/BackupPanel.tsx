// The desktop window's backup panel, under the server panel: the last backup's time and result, the next
// one, a warning saying why when the last one failed, "Back up now", and the schedule folded away.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { BackupStatus, DesktopApi } from '../../../electron/desktopApi.ts';
import { formatDate } from '../i18n/dates';
import { useConsoleForm } from '../admin/useConsoleForm';
import { CheckboxField } from '../components/CheckboxField';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectField } from '../components/SelectField';
import { StatusLine } from '../components/StatusLine';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/useAction';
import { unwrap } from './desktopBridge';

/** The usual intervals, in hours; a day and a week have their own words. */
const INTERVALS = [1, 6, 12, 24, 168];

type Translate = ReturnType<typeof useTranslation>['t'];

function intervalLabel(t: Translate, hours: number): string {
  if (hours === 24) return t('desktop.backup.everyDay');
  if (hours === 168) return t('desktop.backup.everyWeek');
  return t('desktop.backup.everyHours', { count: hours });
}

export function BackupPanel({ desktop, backup }: { desktop: DesktopApi; backup: BackupStatus }) {
  const { t } = useTranslation('console');
  const { busy, status: progress, error, run } = useAction();
  const { schedule, last, lastGood } = backup;
  const failed = last !== null && !last.ok;
  // Open at first while there is no schedule; afterwards the owner folds it (saving keeps it as it is).
  const [scheduleShown, setScheduleShown] = useState(!schedule);

  return (
    <section
      className={`server-bar backup-panel${failed ? ' server-error' : last ? ' backup-ok' : ''}`}
      aria-label={t('desktop.backup.label')}
      data-testid="backup-panel"
    >
      <div className="server-bar-line">
        <p className="server-state">
          <span className="server-dot" aria-hidden="true" />
          {t('desktop.backup.prefix')} <span data-testid="backup-summary">{summary(t, backup)}</span>
        </p>
        {schedule && (
          <div className="row-actions">
            <button
              type="button"
              className="button secondary small"
              disabled={busy || backup.running}
              onClick={() =>
                void run(async () => {
                  await desktop.backUpNow();
                }, t('desktop.backup.backingUp'))
              }
              data-testid="backup-now"
            >
              {t('desktop.backup.now')}
            </button>
          </div>
        )}
      </div>
      {last?.ok === false && (
        <div className="warning" role="alert" data-testid="backup-error">
          <p>
            <Trans t={t} i18nKey="desktop.backup.lastFailed" values={{ date: formatDate(last.at), error: last.error }} components={{ strong: <strong /> }} />
          </p>
          <p>
            {lastGood ? t('desktop.backup.lastGood', { date: formatDate(lastGood.at), file: lastGood.file }) : t('desktop.backup.noneWorked')}
            {backup.nextAt !== null && ` ${t('desktop.backup.triesAgain', { when: whenDue(t, backup.nextAt) })}`}
          </p>
        </div>
      )}
      {last?.ok && (
        <p className="muted" data-testid="backup-file">
          {last.file}
        </p>
      )}
      {schedule && (
        <p className={schedule.includeKey ? undefined : 'warning'} data-testid="backup-key-note">
          {keyNote(t, backup)}
        </p>
      )}
      <details className="server-options" open={scheduleShown} onToggle={(event) => setScheduleShown(event.currentTarget.open)}>
        <summary>{t('desktop.backup.schedule')}</summary>
        <ScheduleForm desktop={desktop} backup={backup} />
      </details>
      <ErrorAlert error={error} />
      <StatusLine message={progress} />
    </section>
  );
}

function summary(t: Translate, { schedule, running, last, nextAt }: BackupStatus): string {
  if (!schedule) return t('desktop.backup.off');
  if (running) return t('desktop.backup.backingUp');
  const next = nextAt === null ? '' : ` ${t('desktop.backup.next', { when: whenDue(t, nextAt) })}`;
  if (!last) return `${t('desktop.backup.noneYet')}${next}`;
  if (!last.ok) return t('desktop.backup.lastOneFailed', { date: formatDate(last.at) });
  return `${t('desktop.backup.lastMade', { date: formatDate(last.at), size: formatSize(t, last.bytes) })}${next}`;
}

function whenDue(t: Translate, at: number): string {
  return at <= Date.now() ? t('desktop.backup.inAMoment') : formatDate(at);
}

function formatSize(t: Translate, bytes: number): string {
  if (bytes < 1024 * 1024) return t('desktop.backup.kilobytes', { size: Math.max(1, Math.round(bytes / 1024)) });
  return t('desktop.backup.megabytes', { size: (bytes / (1024 * 1024)).toFixed(1) });
}

/** What is and is not in the backups: without the key they cannot be read. */
function keyNote(t: Translate, backup: BackupStatus): string {
  if (backup.schedule?.includeKey) return t('desktop.backup.keyIncluded');
  return `${t('desktop.backup.keyNotIncluded')} ${backup.keyCannotBeIncluded ?? t('desktop.backup.includeTheKey')}`;
}

function ScheduleForm({ desktop, backup }: { desktop: DesktopApi; backup: BackupStatus }) {
  const { t } = useTranslation('console');
  const current = backup.schedule;
  const [folder, setFolder] = useState(current?.folder ?? '');
  const [everyHours, setEveryHours] = useState(String(current?.everyHours ?? 24));
  const [keep, setKeep] = useState(String(current?.keep ?? 7));
  const [includeKey, setIncludeKey] = useState(current?.includeKey ?? backup.keyCannotBeIncluded === null);
  const [passphrase, setPassphrase] = useState('');
  const form = useConsoleForm(['folder', 'everyHours', 'keep', 'includeKey', 'passphrase']);
  const intervals = INTERVALS.some((hours) => String(hours) === everyHours) ? INTERVALS : [...INTERVALS, Number(everyHours)];

  const save = async () => {
    unwrap(
      await desktop.setBackupSchedule({
        folder,
        everyHours: Number(everyHours),
        keep: Number(keep),
        includeKey,
        ...(includeKey && passphrase !== '' ? { passphrase } : {}),
      }),
    );
    setPassphrase('');
    form.showSaved(t('saved'));
  };
  const turnOff = async () => {
    unwrap(await desktop.setBackupSchedule(null));
    form.showSaved(t('desktop.backup.turnedOff'));
  };

  return (
    <form ref={form.ref} className="backup-schedule" onSubmit={form.onSubmit(save, t('saving'))} noValidate>
      <div className="backup-folder">
        <TextField
          label={t('desktop.backup.folder')}
          value={folder}
          onChange={form.edit((event) => setFolder(event.target.value))}
          hint={t('desktop.backup.folderHint')}
          {...form.field('folder', t('desktop.backup.folder'))}
          data-testid="backup-folder"
        />
        <button
          type="button"
          className="button secondary small"
          disabled={form.busy}
          onClick={() =>
            void desktop.chooseFolder().then((chosen) => {
              if (chosen) setFolder(chosen);
            })
          }
        >
          {t('desktop.backup.choose')}
        </button>
      </div>
      <SelectField
        label={t('desktop.backup.howOften')}
        value={everyHours}
        onChange={form.edit((event) => setEveryHours(event.target.value))}
        {...form.field('everyHours', t('desktop.backup.howOften'))}
      >
        {intervals.map((hours) => (
          <option key={hours} value={String(hours)}>
            {intervalLabel(t, hours)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('desktop.backup.keep')}
        inputMode="numeric"
        value={keep}
        onChange={form.edit((event) => setKeep(event.target.value))}
        hint={t('desktop.backup.keepHint')}
        {...form.field('keep', t('desktop.backup.keep'))}
        data-testid="backup-keep"
      />
      <CheckboxField
        label={t('desktop.backup.includeKey')}
        checked={includeKey}
        disabled={backup.keyCannotBeIncluded !== null}
        onChange={form.edit((event) => setIncludeKey(event.target.checked))}
        hint={backup.keyCannotBeIncluded ?? t('desktop.backup.includeKeyHint')}
        {...form.field('includeKey', t('desktop.backup.includeKeyLabel'))}
        data-testid="backup-include-key"
      />
      {includeKey && (
        <TextField
          label={t('desktop.backup.passphrase')}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={form.edit((event) => setPassphrase(event.target.value))}
          hint={backup.passphraseSaved ? t('desktop.backup.passphraseSaved') : t('desktop.backup.passphraseHint')}
          {...form.field('passphrase', t('desktop.backup.passphrase'))}
          data-testid="backup-passphrase"
        />
      )}
      <ErrorAlert error={form.alert} />
      <div className="row-actions">
        <button type="submit" className="button primary small" disabled={form.busy} data-testid="backup-save">
          {t('desktop.backup.save')}
        </button>
        {current && (
          <button type="button" className="button secondary small" disabled={form.busy} onClick={() => void form.submit(turnOff)} data-testid="backup-off">
            {t('desktop.backup.turnOff')}
          </button>
        )}
      </div>
      <StatusLine message={form.status} />
    </form>
  );
}
