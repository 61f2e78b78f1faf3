// The signing keys: each with its state and dates, a rotation (after the publish lead, or at once in an
// emergency), and the rotation schedule.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { CheckboxField } from '../../components/CheckboxField';
import { StatusLine } from '../../components/StatusLine';
import { TableRegion } from '../../components/TableRegion';
import { TextField } from '../../components/TextField';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { formatDate } from '../../i18n/dates';
import { FormFooter } from '../FormFooter';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { useConsoleForm } from '../useConsoleForm';

type KeysView = AdminResult<'signingKeys.list'>;
type SigningKey = KeysView['keys'][number];

const DAY_MS = 24 * 60 * 60 * 1000;

type Translate = ReturnType<typeof useTranslation>['t'];

const days = (t: Translate, ms: number) => t('keys.days', { count: Math.round(ms / DAY_MS) });

/** Each state has its label and meaning in keys.states. */
const TONES: Record<SigningKey['state'], string> = { upcoming: 'badge', current: 'badge good', retiring: 'badge', retired: 'badge warn' };

export function SigningKeysPage() {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const keys = useResource('signing-keys', () => client['signingKeys.list']({}));
  return (
    <>
      <PageHeader title={t('keys.title')}>
        <p className="page-subtitle">{t('keys.subtitle')}</p>
      </PageHeader>
      <ResourceState {...keys}>
        {(view) => (
          <>
            <section className="signing-keys" aria-labelledby="signing-keys-heading">
              <h2 id="signing-keys-heading">{t('keys.keys')}</h2>
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
  const { t } = useTranslation('console');
  return (
    <TableRegion label={t('keys.title')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('keys.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('keys.algorithm')}</th>
            <th scope="col">{t('keys.keyId')}</th>
            <th scope="col">{t('keys.state')}</th>
            <th scope="col">{t('keys.made')}</th>
            <th scope="col">{t('keys.signsFrom')}</th>
            <th scope="col">{t('keys.retires')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            return (
              <tr key={key.kid} data-testid="signing-key-row">
                <th scope="row" data-label={t('keys.algorithm')}>
                  {key.alg}
                </th>
                <td data-label={t('keys.keyId')}>
                  <code title={key.kid}>{key.kid.slice(0, 8)}</code>
                </td>
                <td data-label={t('keys.state')}>
                  {/* Computed keys: every state has its label and meaning in keys.states. */}
                  <span className={`${TONES[key.state]} flush`}>{t(`keys.states.${key.state}.label`)}</span>{' '}
                  <span className="muted small">{t(`keys.states.${key.state}.means`)}</span>
                </td>
                <td data-label={t('keys.made')}>{formatDate(key.createdAt)}</td>
                <td data-label={t('keys.signsFrom')}>{formatDate(key.signsFrom)}</td>
                <td data-label={t('keys.retires')}>{key.retiresAt === null ? '—' : formatDate(key.retiresAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

function RotatePanel({ view, onRotated }: { view: KeysView; onRotated: () => Promise<void> }) {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const [immediately, setImmediately] = useState(false);
  const [warnings, setWarnings] = useState<AdminResult<'signingKeys.rotate'>['warnings']>([]);
  const form = useConsoleForm(['immediately']);
  const upcoming = view.keys.find((key) => key.state === 'upcoming');

  const rotate = form.onSubmit(async () => {
    setWarnings([]);
    const rotation = await client['signingKeys.rotate']({ immediately });
    setWarnings(rotation.warnings);
    form.showSaved(immediately ? t('keys.rotate.signingNow') : t('keys.rotate.published', { date: formatDate(rotation.signsFrom) }));
    setImmediately(false);
    await onRotated();
  }, t('keys.rotate.rotating'));

  return (
    <section className="panel" aria-labelledby="rotate-heading">
      <h2 id="rotate-heading">{t('keys.rotate.heading')}</h2>
      <p>{t('keys.rotate.explanation', { lead: days(t, view.publishLeadMs), retire: days(t, view.retireAfterMs) })}</p>
      {upcoming && (
        <p className="notice" data-testid="rotation-under-way">
          {t('keys.rotate.underWay', { date: formatDate(upcoming.signsFrom) })}
        </p>
      )}
      <form ref={form.ref} onSubmit={rotate} className="admin-form" noValidate>
        {upcoming ? (
          // While a rotation is under way only an emergency one is possible: its upcoming keys may have leaked too.
          <CheckboxField
            label={t('keys.rotate.leakedAgain')}
            checked={immediately}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setImmediately(event.target.checked)}
            disabled={form.busy}
            data-testid="rotate-now"
          />
        ) : (
          <fieldset className="field choice-group">
            <legend>{t('keys.rotate.when')}</legend>
            <label>
              <input
                type="radio"
                name="rotate-when"
                checked={!immediately}
                onChange={() => setImmediately(false)}
                disabled={form.busy}
                data-testid="rotate-after-lead"
              />
              {t('keys.rotate.afterLead', { lead: days(t, view.publishLeadMs) })}
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
              {t('keys.rotate.now')}
            </label>
          </fieldset>
        )}
        {immediately && (
          <p className="warning" data-testid="rotate-now-warning">
            {t('keys.rotate.nowWarning')}
          </p>
        )}
        {upcoming && !immediately ? (
          <StatusLine message={form.status} />
        ) : (
          <FormFooter form={form} submitLabel={immediately ? t('keys.rotate.submitNow') : t('keys.rotate.submit')} submitTestId="rotate-keys" />
        )}
      </form>
      {warnings.map((warning) => (
        <p key={warning.code} className="warning">
          {warning.code === 'immediate_rotation' ? t('keys.rotate.rotatedNowWarning') : warning.message}
        </p>
      ))}
    </section>
  );
}

function SchedulePanel({ view, onSaved }: { view: KeysView; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const { schedule } = view;
  const [scheduled, setScheduled] = useState(schedule.everyDays !== null);
  const [everyDays, setEveryDays] = useState(String(schedule.everyDays ?? 90));
  const form = useConsoleForm(['everyDays']);

  const save = form.onSubmit(async () => {
    const value = scheduled ? Number(everyDays) : null;
    if (value !== null && !Number.isInteger(value)) throw ApiError.invalidInput('everyDays', t('keys.schedule.wholeDays'));
    await client['signingKeys.setSchedule']({ everyDays: value });
    form.showSaved(value === null ? t('keys.schedule.savedManual') : t('keys.schedule.saved', { count: value }));
    await onSaved();
  }, t('saving'));

  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{t('keys.schedule.heading')}</h2>
      <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
        <CheckboxField
          label={t('keys.schedule.on')}
          checked={scheduled}
          onChange={form.edit((event: React.ChangeEvent<HTMLInputElement>) => setScheduled(event.target.checked))}
          disabled={form.busy}
          hint={t('keys.schedule.onHint', { lead: days(t, view.publishLeadMs) })}
          data-testid="schedule-on"
        />
        {scheduled && (
          <TextField
            label={t('keys.schedule.every')}
            required
            inputMode="numeric"
            value={everyDays}
            onChange={form.edit((event: React.ChangeEvent<HTMLInputElement>) => setEveryDays(event.target.value))}
            disabled={form.busy}
            autoComplete="off"
            hint={t('keys.schedule.range', { min: schedule.min, max: schedule.max })}
            {...form.field('everyDays', t('keys.schedule.days'))}
            data-testid="schedule-days"
          />
        )}
        {schedule.nextRotationAt !== null && (
          <p className="muted small" data-testid="schedule-next">
            {t('keys.schedule.next', { date: formatDate(schedule.nextRotationAt) })}
          </p>
        )}
        <FormFooter form={form} submitLabel={t('keys.schedule.save')} submitTestId="schedule-save" />
      </form>
    </section>
  );
}
