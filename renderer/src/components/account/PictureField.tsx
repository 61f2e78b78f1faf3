import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PICTURE_BYTES, PICTURE_TYPES, sniffPictureType } from '../../../../server/model/pictures.ts';
import { useAdminClient } from '../../admin/AdminClientContext';
import { ApiError, api } from '../../api/client';
import type { AccountUser } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { Avatar } from '../Avatar';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

interface PictureFieldProps {
  /** Whose picture: their name, for the initials shown without one. */
  name: string;
  /** The picture now (its URL, or a data: URL in the console), or null. */
  current: string | null;
  lead: string;
  /** A console panel, or a section of the account page. */
  className?: string;
  save(image: string): Promise<void>;
  remove(): Promise<void>;
}

/** The person's own picture, on the account page; the session (and so the page's header) shows the new one. */
export function OwnPictureField({ user, onChange }: { user: AccountUser; onChange: () => Promise<void> }) {
  const { t } = useTranslation('pictures');
  return (
    <PictureField
      name={user.displayName}
      current={user.pictureUrl}
      lead={t('field.leadOwn')}
      save={async (image) => {
        await api.put('/api/account/picture', { image });
        await onChange();
      }}
      remove={async () => {
        await api.delete('/api/account/picture');
        await onChange();
      }}
    />
  );
}

/** Someone's picture, set by an admin on their page in the console (in a browser or the desktop window). */
export function UserPictureField({ user, onChange }: { user: { id: string; name: string; pictureImage: string | null }; onChange: () => Promise<void> }) {
  const { t } = useTranslation('pictures');
  const client = useAdminClient();
  return (
    <PictureField
      name={user.name}
      current={user.pictureImage}
      lead={t('field.leadAdmin', { name: user.name })}
      className="panel"
      save={async (image) => {
        await client['users.setPicture']({ id: user.id, image });
        await onChange();
      }}
      remove={async () => {
        await client['users.removePicture']({ id: user.id });
        await onChange();
      }}
    />
  );
}

/** Choose a file, see it, upload it or remove the picture. The browser checks the file first; the server decides. */
function PictureField({ name, current, lead, className, save, remove }: PictureFieldProps) {
  const { t, i18n } = useTranslation('pictures');
  const id = useId();
  const action = useAction();
  /** The chosen file as a data: URL, until it is uploaded or put aside. */
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The remove button goes away with the picture: keep the keyboard in the field, once it is enabled again.
  useEffect(() => {
    if (done === 'removed' && !action.busy) input.current?.focus();
  }, [done, action.busy]);
  const size = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte' }).format(MAX_PICTURE_BYTES / 1024 / 1024);

  /** The sentence for a refusal of the picture (the server's or this page's own check), in the page's language. */
  const refusal = (code: string) => {
    switch (code) {
      case 'picture_type_unsupported':
        return new Error(t('refusals.type'));
      case 'picture_too_large':
      case 'body_too_large':
        return new Error(t('refusals.tooLarge', { size }));
      case 'picture_unreadable':
        return new Error(t('refusals.unreadable'));
      default:
        return undefined;
    }
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Choosing the same file again (after fixing it) is a change too.
    event.target.value = '';
    if (!file) return;
    void action.run(async () => {
      setDone(null);
      setChosen(null);
      if (file.size > MAX_PICTURE_BYTES) throw refusal('picture_too_large');
      // By its first bytes, as the server checks it: a renamed file or an SVG is refused before it is sent.
      if (!sniffPictureType(new Uint8Array(await file.slice(0, 12).arrayBuffer()))) throw refusal('picture_type_unsupported');
      setChosen(await readAsDataUrl(file).catch(() => Promise.reject(refusal('picture_unreadable'))));
    });
  };

  /** The browser could not show the chosen file either: it is no picture, whatever its first bytes say. */
  const unreadable = () =>
    void action.run(async () => {
      setChosen(null);
      throw refusal('picture_unreadable');
    });

  const upload = (image: string) =>
    action.run(async () => {
      try {
        await save(image);
      } catch (error) {
        throw (error instanceof ApiError && refusal(error.code)) || error;
      }
      setChosen(null);
      setDone('saved');
    }, t('field.uploading'));

  const removePicture = () =>
    action.run(async () => {
      setDone(null);
      await remove();
      setDone('removed');
    }, t('field.removing'));

  return (
    <section className={className} aria-labelledby={`${id}-heading`} data-testid="picture-field">
      <h2 id={`${id}-heading`}>{t('field.heading')}</h2>
      <p className="muted">{lead}</p>
      <div className="picture-field">
        {chosen ? (
          <img className="avatar avatar-large" src={chosen} alt={t('field.previewAlt')} onError={unreadable} data-testid="picture-preview" />
        ) : (
          <Avatar name={name} pictureUrl={current} size="large" />
        )}
        <div className="picture-controls">
          {/* The label is the button: the browser's own file control would speak its language, not the page's. */}
          <label className={`button secondary small picture-choose${action.busy ? ' disabled' : ''}`}>
            <input
              ref={input}
              className="visually-hidden"
              type="file"
              accept={PICTURE_TYPES.join(',')}
              aria-describedby={`${id}-hint`}
              disabled={action.busy}
              onChange={choose}
              data-testid="picture-file"
            />
            {chosen ? t('field.chooseAnother') : t('field.choose')}
          </label>
          <p id={`${id}-hint`} className="field-hint">
            {t('field.hint', { size })}
          </p>
          <div className="actions">
            {chosen && (
              <>
                <button type="button" className="button primary small" disabled={action.busy} onClick={() => void upload(chosen)} data-testid="picture-upload">
                  {t('field.upload')}
                </button>
                <button type="button" className="button secondary small" disabled={action.busy} onClick={() => setChosen(null)}>
                  {t('field.cancel')}
                </button>
              </>
            )}
            {!chosen && current && (
              <button type="button" className="button secondary small" disabled={action.busy} onClick={() => void removePicture()} data-testid="picture-remove">
                {t('field.remove')}
              </button>
            )}
          </div>
          {action.busy && action.status && <StatusLine message={action.status} />}
          <ErrorAlert error={action.error} />
          <div role="status" className={done ? 'success' : undefined} data-testid={done ? 'picture-done' : undefined}>
            {done === 'saved' && <p>{t('field.saved')}</p>}
            {done === 'removed' && <p>{t('field.removed')}</p>}
          </div>
        </div>
      </div>
    </section>
  );
}
