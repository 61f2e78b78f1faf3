// The desktop window's backup panel, under the server panel: the last backup's time and result, the next
// one, a warning saying why when the last one failed, "Back up now", and the schedule folded away.
import { useState } from 'react';
import type { BackupStatus, DesktopApi } from '../../../electron/desktopApi.ts';
import { formatDate } from '../admin/audit/auditDetails';
import { useConsoleForm } from '../admin/useConsoleForm';
import { CheckboxField } from '../components/CheckboxField';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectField } from '../components/SelectField';
import { StatusLine } from '../components/StatusLine';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/useAction';
import { unwrap } from './desktopBridge';

const INTERVALS: Array<[number, string]> = [
  [1, 'Every hour'],
  [6, 'Every 6 hours'],
  [12, 'Every 12 hours'],
  [24, 'Every day'],
  [168, 'Every week'],
];

export function BackupPanel({ desktop, backup }: { desktop: DesktopApi; backup: BackupStatus }) {
  const { busy, status: progress, error, run } = useAction();
  const { schedule, last, lastGood } = backup;
  const failed = last !== null && !last.ok;
  // Open at first while there is no schedule; afterwards the owner folds it (saving keeps it as it is).
  const [scheduleShown, setScheduleShown] = useState(!schedule);

  return (
    <section className={`server-bar backup-panel${failed ? ' server-error' : last ? ' backup-ok' : ''}`} aria-label="Backups" data-testid="backup-panel">
      <div className="server-bar-line">
        <p className="server-state">
          <span className="server-dot" aria-hidden="true" />
          Backups: <span data-testid="backup-summary">{summary(backup)}</span>
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
                }, 'Backing up…')
              }
              data-testid="backup-now"
            >
              Back up now
            </button>
          </div>
        )}
      </div>
      {last?.ok === false && (
        <div className="warning" role="alert" data-testid="backup-error">
          <p>
            <strong>The last backup failed</strong> ({formatDate(last.at)}): {last.error}
          </p>
          <p>
            {lastGood ? `The last one that worked was made ${formatDate(lastGood.at)}: ${lastGood.file}.` : 'No backup has worked yet.'}
            {backup.nextAt !== null && ` Gatehouse tries again ${whenDue(backup.nextAt)}.`}
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
          {keyNote(backup)}
        </p>
      )}
      <details className="server-options" open={scheduleShown} onToggle={(event) => setScheduleShown(event.currentTarget.open)}>
        <summary>Backup schedule</summary>
        <ScheduleForm desktop={desktop} backup={backup} />
      </details>
      <ErrorAlert error={error} />
      <StatusLine message={progress} />
    </section>
  );
}

function summary({ schedule, running, last, nextAt }: BackupStatus): string {
  if (!schedule) return 'Off. Choose a folder below and Gatehouse backs up by itself.';
  if (running) return 'Backing up…';
  const next = nextAt === null ? '' : ` Next ${whenDue(nextAt)}.`;
  if (!last) return `None made yet.${next}`;
  if (!last.ok) return `The last one failed, ${formatDate(last.at)}.`;
  return `Last made ${formatDate(last.at)} (${formatSize(last.bytes)}).${next}`;
}

function whenDue(at: number): string {
  return at <= Date.now() ? 'in a moment' : formatDate(at);
}

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What is and is not in the backups: without the key they cannot be read. */
function keyNote(backup: BackupStatus): string {
  if (backup.schedule?.includeKey)
    return 'Each backup holds the database key, encrypted with your passphrase: keep the passphrase safe, apart from the backups.';
  const instead =
    backup.keyCannotBeIncluded ??
    'If this computer is lost, the key is lost with it and these backups are of no use: include the key below, encrypted with a passphrase.';
  return `These backups do not hold the database key, and cannot be restored without it. ${instead}`;
}

function ScheduleForm({ desktop, backup }: { desktop: DesktopApi; backup: BackupStatus }) {
  const current = backup.schedule;
  const [folder, setFolder] = useState(current?.folder ?? '');
  const [everyHours, setEveryHours] = useState(String(current?.everyHours ?? 24));
  const [keep, setKeep] = useState(String(current?.keep ?? 7));
  const [includeKey, setIncludeKey] = useState(current?.includeKey ?? backup.keyCannotBeIncluded === null);
  const [passphrase, setPassphrase] = useState('');
  const form = useConsoleForm(['folder', 'everyHours', 'keep', 'includeKey', 'passphrase']);
  const intervals = INTERVALS.some(([hours]) => String(hours) === everyHours)
    ? INTERVALS
    : [...INTERVALS, [Number(everyHours), `Every ${everyHours} hours`] as const];

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
    form.showSaved('Saved.');
  };
  const turnOff = async () => {
    unwrap(await desktop.setBackupSchedule(null));
    form.showSaved('Scheduled backups are off. Backups already made stay in their folder.');
  };

  return (
    <form ref={form.ref} className="backup-schedule" onSubmit={form.onSubmit(save, 'Saving…')} noValidate>
      <div className="backup-folder">
        <TextField
          label="Folder"
          value={folder}
          onChange={form.edit((event) => setFolder(event.target.value))}
          hint="Best on another disk or a network share: a backup on the same disk is lost with it."
          {...form.field('folder', 'Folder')}
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
          Choose…
        </button>
      </div>
      <SelectField
        label="How often"
        value={everyHours}
        onChange={form.edit((event) => setEveryHours(event.target.value))}
        {...form.field('everyHours', 'How often')}
      >
        {intervals.map(([hours, label]) => (
          <option key={hours} value={String(hours)}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Keep the newest"
        inputMode="numeric"
        value={keep}
        onChange={form.edit((event) => setKeep(event.target.value))}
        hint="Older backups Gatehouse made in this folder are deleted; other files there stay."
        {...form.field('keep', 'Keep the newest')}
        data-testid="backup-keep"
      />
      <CheckboxField
        label="Include the database key, encrypted with a passphrase"
        checked={includeKey}
        disabled={backup.keyCannotBeIncluded !== null}
        onChange={form.edit((event) => setIncludeKey(event.target.checked))}
        hint={backup.keyCannotBeIncluded ?? 'The passphrase is kept by this computer’s keychain, so backups run unattended.'}
        {...form.field('includeKey', 'Include the key')}
        data-testid="backup-include-key"
      />
      {includeKey && (
        <TextField
          label="Passphrase"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={form.edit((event) => setPassphrase(event.target.value))}
          hint={
            backup.passphraseSaved
              ? 'Leave it empty to keep the saved passphrase.'
              : 'At least 12 characters. A restore asks for it: keep it somewhere safe, apart from the backups.'
          }
          {...form.field('passphrase', 'Passphrase')}
          data-testid="backup-passphrase"
        />
      )}
      <ErrorAlert error={form.alert} />
      <div className="row-actions">
        <button type="submit" className="button primary small" disabled={form.busy} data-testid="backup-save">
          Save and back up now
        </button>
        {current && (
          <button type="button" className="button secondary small" disabled={form.busy} onClick={() => void form.submit(turnOff)} data-testid="backup-off">
            Turn off
          </button>
        )}
      </div>
      <StatusLine message={form.status} />
    </form>
  );
}
