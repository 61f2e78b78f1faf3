import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { OtherDeviceLookup } from '../../api/types';
import { describeError } from '../../describeError';
import { useAction } from '../../hooks/useAction';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

interface ApproveCodeEntryProps {
  /** What the field starts with: the code in the QR code's link, looked up at once. */
  initialCode: string;
  onFound: (code: string, request: OtherDeviceLookup) => void;
}

/** The code another device shows, entered (or brought by its QR code) to see what asks to sign in. */
export function ApproveCodeEntry({ initialCode, onFound }: ApproveCodeEntryProps) {
  const { t } = useTranslation('signIn');
  const [code, setCode] = useState(initialCode);
  const { busy, status, error, run } = useAction();
  const input = useRef<HTMLInputElement>(null);

  const lookUp = (value: string) =>
    run(async () => {
      onFound(value, await api.post<OtherDeviceLookup>('/api/other-device/lookup', { code: value }));
    }, t('approve.lookingUp'));

  // A QR code's link carries the code: look it up without asking the person to press anything.
  useEffect(() => {
    if (initialCode) void lookUp(initialCode);
  }, []);

  useEffect(() => {
    if (error) input.current?.focus();
  }, [error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp(code.trim());
  };

  return (
    <form onSubmit={submit} noValidate>
      <h1>{t('approve.entryTitle')}</h1>
      <p className="lead">{t('approve.entryLead')}</p>
      <TextField
        ref={input}
        label={t('approve.code')}
        hint={t('approve.codeHint')}
        className="code-input"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={32}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        disabled={busy}
        error={error ? describeError(error) : undefined}
        errorPath="code"
        data-testid="approve-code-input"
      />
      <StatusLine message={status} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || code.trim() === ''} data-testid="approve-code-submit">
          {t('approve.continue')}
        </button>
      </div>
    </form>
  );
}
