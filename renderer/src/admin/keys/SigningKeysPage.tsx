// The signing keys: each with its state and dates, a rotation (after the publish lead, or at once in an
// emergency), and the rotation schedule.
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { CheckboxField } from '../../components/CheckboxField';
import { StatusLine } from '../../components/StatusLine';
import { TableRegion } from '../../components/TableRegion';
import { TextField } from '../../components/TextField';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { FormFooter } from '../FormFooter';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { useConsoleForm } from '../useConsoleForm';

type KeysView = AdminResult<'signingKeys.list'>;
type SigningKey = KeysView['keys'][number];

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DAY_MS = 24 * 60 * 60 * 1000;

const days = (ms: number) => {
  const count = Math.round(ms / DAY_MS);
  return count === 1 ? '1 day' : `${count} days`;
};

const STATES: Record<SigningKey['state'], { label: string; tone: string; means: string }> = {
  upcoming: { label: 'upcoming', tone: 'badge', means: 'published, signs from its date' },
  current: { label: 'signing', tone: 'badge good', means: 'signs new tokens' },
  retiring: { label: 'retiring', tone: 'badge', means: 'published until what it signed expires' },
  retired: { label: 'retired', tone: 'badge warn', means: 'no longer published; removed within a minute' },
};

export function SigningKeysPage() {
  const client = useAdminClient();
  const keys = useResource('signing-keys', () => client['signingKeys.list']({}));
  return (
    <>
      <PageHeader title="Signing keys">
        <p className="page-subtitle">Gatehouse signs the tokens it gives apps with these keys; apps check the signatures against the keys it publishes.</p>
      </PageHeader>
      <ResourceState {...keys}>
        {(view) => (
          <>
            <section className="signing-keys" aria-labelledby="signing-keys-heading">
              <h2 id="signing-keys-heading">Keys</h2>
              <KeyTable keys={view.keys} />
            </section>
            <RotatePanel view={view} onRotated={keys.reload} />
            <SchedulePanel view={view} onSaved={keys.reload} />
          </>
        )}
      </ResourceState>
    </>
  );
}

function KeyTable({ keys }: { keys: SigningKey[] }) {
  return (
    <TableRegion label="Signing keys">
      <table className="data-table">
        <caption className="visually-hidden">Signing keys</caption>
        <thead>
          <tr>
            <th scope="col">Algorithm</th>
            <th scope="col">Key ID</th>
            <th scope="col">State</th>
            <th scope="col">Made</th>
            <th scope="col">Signs from</th>
            <th scope="col">Retires</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const state = STATES[key.state];
            return (
              <tr key={key.kid} data-testid="signing-key-row">
                <th scope="row" data-label="Algorithm">
                  {key.alg}
                </th>
                <td data-label="Key ID">
                  <code title={key.kid}>{key.kid.slice(0, 8)}</code>
                </td>
                <td data-label="State">
                  <span className={`${state.tone} flush`}>{state.label}</span> <span className="muted small">{state.means}</span>
                </td>
                <td data-label="Made">{moment.format(key.createdAt)}</td>
                <td data-label="Signs from">{moment.format(key.signsFrom)}</td>
                <td data-label="Retires">{key.retiresAt === null ? '—' : moment.format(key.retiresAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

function RotatePanel({ view, onRotated }: { view: KeysView; onRotated: () => Promise<void> }) {
  const client = useAdminClient();
  const [immediately, setImmediately] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  const form = useConsoleForm(['immediately']);
  const upcoming = view.keys.find((key) => key.state === 'upcoming');

  const rotate = form.onSubmit(async () => {
    setWarnings([]);
    const rotation = await client['signingKeys.rotate']({ immediately });
    setWarnings(rotation.warnings);
    form.showSaved(immediately ? 'New keys are signing now.' : `New keys are published; they sign from ${moment.format(rotation.signsFrom)}.`);
    setImmediately(false);
    await onRotated();
  }, 'Rotating the keys…');

  return (
    <section className="panel" aria-labelledby="rotate-heading">
      <h2 id="rotate-heading">Rotate keys</h2>
      <p>
        A rotation publishes a new key for each algorithm at once and signs with it after {days(view.publishLeadMs)}, so apps that keep a copy of the published
        keys have fetched the new one before it is used. The old keys stay published for {days(view.retireAfterMs)} more, until every token they signed has
        expired (the longest-lived is a session's ID token, which an app sends back when someone signs out), then they retire.
      </p>
      {upcoming && (
        <p className="notice" data-testid="rotation-under-way">
          A rotation is under way: the new keys sign from {moment.format(upcoming.signsFrom)}. You can rotate again after that, or now if a key may have leaked.
        </p>
      )}
      <form ref={form.ref} onSubmit={rotate} className="admin-form" noValidate>
        {upcoming ? (
          // While a rotation is under way only an emergency one is possible: its upcoming keys may have leaked too.
          <CheckboxField
            label="A key may have leaked: rotate again now"
            checked={immediately}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setImmediately(event.target.checked)}
            disabled={form.busy}
            data-testid="rotate-now"
          />
        ) : (
          <fieldset className="field choice-group">
            <legend>The new keys sign</legend>
            <label>
              <input
                type="radio"
                name="rotate-when"
                checked={!immediately}
                onChange={() => setImmediately(false)}
                disabled={form.busy}
                data-testid="rotate-after-lead"
              />
              after {days(view.publishLeadMs)} (recommended: no app notices)
            </label>
            <label>
              <input
                type="radio"
                name="rotate-when"
                checked={immediately}
                onChange={() => setImmediately(true)}
                disabled={form.busy}
                data-testid="rotate-now"
              />
              now, because a key may have leaked
            </label>
          </fieldset>
        )}
        {immediately && (
          <p className="warning" data-testid="rotate-now-warning">
            The old keys stop being published at once, so nothing they signed verifies any more, and apps that keep a copy of the published keys may refuse
            sign-ins until they fetch them again: most do within minutes, some only when restarted.
          </p>
        )}
        {upcoming && !immediately ? (
          <StatusLine message={form.status} />
        ) : (
          <FormFooter form={form} submitLabel={immediately ? 'Rotate keys now' : 'Rotate keys'} submitTestId="rotate-keys" />
        )}
      </form>
      {warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
    </section>
  );
}

function SchedulePanel({ view, onSaved }: { view: KeysView; onSaved: () => Promise<void> }) {
  const client = useAdminClient();
  const { schedule } = view;
  const [scheduled, setScheduled] = useState(schedule.everyDays !== null);
  const [everyDays, setEveryDays] = useState(String(schedule.everyDays ?? 90));
  const form = useConsoleForm(['everyDays']);

  const save = form.onSubmit(async () => {
    const value = scheduled ? Number(everyDays) : null;
    if (value !== null && !Number.isInteger(value)) throw ApiError.invalidInput('everyDays', 'must be a whole number of days');
    await client['signingKeys.setSchedule']({ everyDays: value });
    form.showSaved(value === null ? 'Saved: keys rotate only when you rotate them.' : `Saved: keys rotate every ${value} days.`);
    await onSaved();
  }, 'Saving…');

  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule</h2>
      <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
        <CheckboxField
          label="Rotate the keys on a schedule"
          checked={scheduled}
          onChange={form.edit((event: React.ChangeEvent<HTMLInputElement>) => setScheduled(event.target.checked))}
          disabled={form.busy}
          hint={`Each scheduled rotation works like the button above: the new keys sign ${days(view.publishLeadMs)} after they are published.`}
          data-testid="schedule-on"
        />
        {scheduled && (
          <TextField
            label="Every (days)"
            required
            inputMode="numeric"
            value={everyDays}
            onChange={form.edit((event: React.ChangeEvent<HTMLInputElement>) => setEveryDays(event.target.value))}
            disabled={form.busy}
            autoComplete="off"
            hint={`${schedule.min} to ${schedule.max}.`}
            {...form.field('everyDays', 'Days')}
            data-testid="schedule-days"
          />
        )}
        {schedule.nextRotationAt !== null && (
          <p className="muted small" data-testid="schedule-next">
            Next rotation: {moment.format(schedule.nextRotationAt)}.
          </p>
        )}
        <FormFooter form={form} submitLabel="Save schedule" submitTestId="schedule-save" />
      </form>
    </section>
  );
}
