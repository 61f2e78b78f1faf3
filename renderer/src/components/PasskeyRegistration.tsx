import { type FormEvent, type ReactNode, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PasskeySummary } from '../api/types';
import { useAction } from '../hooks/useAction';
import { registerPasskey, signInWithPasskey } from '../passkeys/ceremonies';
import { passkeysUsable } from '../passkeys/support';
import { ErrorAlert } from './ErrorAlert';
import { PasskeySupportNotice } from './PasskeySupportNotice';
import { StatusLine } from './StatusLine';
import { TextField } from './TextField';

interface PasskeyRegistrationProps {
  onCreated?: (passkey: PasskeySummary) => void;
  /** Shown instead of the form once a passkey exists; without it the form stays, to add another. */
  done?: ReactNode;
  /** A way past this step, offered next to the create button. */
  skip?: ReactNode;
}

/** Names and creates a passkey for the signed-in account (after a setup or sign-in link, and on /account). */
export function PasskeyRegistration({ onCreated, done, skip }: PasskeyRegistrationProps) {
  const { t } = useTranslation('common');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<PasskeySummary | null>(null);
  const { busy, status, setStatus, error, run } = useAction();

  const create = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    void run(async () => {
      const wanted = name.trim() || undefined;
      let passkey: PasskeySummary;
      try {
        passkey = await registerPasskey(wanted);
      } catch (caught) {
        // Adding a passkey needs a recent sign-in; prove it with an existing passkey and carry on.
        if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
        setStatus(t('passkeyRegistration.confirmFirst'));
        await signInWithPasskey('/api/session/passkey');
        setStatus(t('passkeyRegistration.nowCreate'));
        passkey = await registerPasskey(wanted);
      }
      setCreated(passkey);
      setName('');
      onCreated?.(passkey);
    }, t('passkeyRegistration.followPrompt'));
  };

  const finished = created !== null && done !== undefined;
  return (
    <>
      <div role="status" className={created ? 'success' : undefined} data-testid={created ? 'passkey-created' : undefined}>
        {created && (
          <p>
            <Trans t={t} i18nKey="passkeyRegistration.created" values={{ name: created.name }} components={{ strong: <strong /> }} />
          </p>
        )}
      </div>
      {finished ? (
        <div className="actions">{done}</div>
      ) : (
        <form onSubmit={create}>
          <PasskeySupportNotice />
          <TextField
            label={t('passkeyRegistration.name')}
            optional
            hint={t('passkeyRegistration.nameHint')}
            placeholder={t('passkeyRegistration.namePlaceholder')}
            maxLength={60}
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            disabled={busy}
            data-testid="passkey-name"
          />
          <ErrorAlert error={error} />
          <StatusLine message={status} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || !passkeysUsable()} data-testid="passkey-create">
              {t('passkeyRegistration.create')}
            </button>
            {skip}
          </div>
        </form>
      )}
    </>
  );
}
