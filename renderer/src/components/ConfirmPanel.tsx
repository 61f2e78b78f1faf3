import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../hooks/useAction';
import { ErrorAlert } from './ErrorAlert';
import { TextField } from './TextField';

interface ConfirmPanelProps {
  /** The question, saying what happens. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Red, for what cannot be undone or locks someone out. */
  warning?: boolean;
  /** The confirm button is red unless what it does is harmless (adding, enabling). */
  harmless?: boolean;
  /** The person types this (a username) before the button works. */
  typeToConfirm?: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  confirmTestId?: string;
}

/**
 * An inline "are you sure?" under the button that asked. Cancel is focused first, so a reflexive Enter
 * keeps things as they are; Escape cancels. Errors (such as a refusal from the server) show inside it.
 */
export function ConfirmPanel({
  children,
  confirmLabel,
  cancelLabel,
  warning = false,
  harmless = false,
  typeToConfirm,
  onConfirm,
  onCancel,
  confirmTestId,
}: ConfirmPanelProps) {
  const { t } = useTranslation('common');
  const { busy, error, run } = useAction();
  const [typed, setTyped] = useState('');
  const ready = typeToConfirm === undefined || typed.trim() === typeToConfirm;

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void run(onConfirm);
  };

  return (
    <form className={warning ? 'confirm warning' : 'confirm'} onSubmit={confirm} onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel()}>
      <div className="confirm-question">{children}</div>
      {typeToConfirm !== undefined && (
        <TextField
          label={t('confirm.typeToConfirm', { value: typeToConfirm })}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          disabled={busy}
        />
      )}
      <ErrorAlert error={error} />
      <div className="row-actions">
        <button type="submit" className={harmless ? 'button small primary' : 'button small danger'} disabled={busy || !ready} data-testid={confirmTestId}>
          {confirmLabel}
        </button>
        <button type="button" className="button small secondary" onClick={onCancel} disabled={busy} autoFocus={typeToConfirm === undefined}>
          {cancelLabel ?? t('confirm.cancel')}
        </button>
      </div>
    </form>
  );
}
