import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOGO_RULES } from '../../../../server/model/logoRules';
import { AppLogo } from '../../components/AppLogo';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldFrame } from '../../components/FieldFrame';
import { StatusLine } from '../../components/StatusLine';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsDataURL(file);
  });

/**
 * An app's logo on its console page: upload one (saved at once, checked here and by the server), go back
 * to its template's built-in logo, or remove it (the pages then show a tile with its first letter).
 */
export function ClientLogoField({ client, onChange }: { client: AdminResult<'clients.get'>; onChange: () => Promise<void> }) {
  const { t } = useTranslation('logos');
  const admin = useAdminClient();
  const form = useConsoleForm(['logo']);
  // A file refused before sending, said where the server's refusal would be.
  const [problem, setProblem] = useState<string>();
  const limit = LOGO_RULES.maxBytes / 1024;

  const change = (action: () => Promise<unknown>, done: string) => {
    setProblem(undefined);
    return form.submit(async () => {
      await action();
      await onChange();
      form.showSaved(done);
    });
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Choosing the same file again (after fixing it) is a change too.
    event.target.value = '';
    if (!file) return;
    if (!LOGO_RULES.types.includes(file.type)) return setProblem(t('field.wrongType', { file: file.name }));
    if (file.size > LOGO_RULES.maxBytes) return setProblem(t('field.tooLarge', { file: file.name, size: Math.ceil(file.size / 1024), limit }));
    let logo: string;
    try {
      logo = await readAsDataUrl(file);
    } catch {
      return setProblem(t('field.unreadable', { file: file.name }));
    }
    await change(() => admin['clients.setLogo']({ id: client.id, logo }), t('field.uploaded'));
  };

  const refused = problem ? { error: problem, errorPath: 'logo' } : form.field('logo', t('field.label'));
  return (
    <section className="panel" aria-labelledby="client-logo-heading">
      <h2 id="client-logo-heading">{t('field.heading')}</h2>
      <form ref={form.ref} onSubmit={(event) => event.preventDefault()}>
        <FieldFrame label={t('field.label')} optional hint={t('field.hint', { limit })} {...refused}>
          {(control) => (
            <div className="logo-field">
              <div className="logo-preview" data-testid="client-logo-preview">
                <AppLogo name={client.name} logoUrl={client.logoUrl} size="large" />
              </div>
              <div className="logo-controls">
                <p className="logo-state" data-testid="client-logo-state">
                  {client.logoUrl ? t('field.hasLogo', { app: client.name }) : t('field.noLogo')}
                </p>
                <input
                  type="file"
                  accept={LOGO_RULES.types.join(',')}
                  disabled={form.busy}
                  onChange={(event) => void choose(event)}
                  data-testid="client-logo-file"
                  {...control}
                />
                <div className="row-actions">
                  {client.builtInLogo && (
                    <button
                      type="button"
                      className="button secondary small"
                      disabled={form.busy}
                      onClick={() => void change(() => admin['clients.useBuiltInLogo']({ id: client.id }), t('field.builtInUsed'))}
                      data-testid="client-logo-builtin"
                    >
                      {t('field.useBuiltIn')}
                    </button>
                  )}
                  {client.logoUrl && (
                    <button
                      type="button"
                      className="button secondary small"
                      disabled={form.busy}
                      onClick={() => void change(() => admin['clients.removeLogo']({ id: client.id }), t('field.removed'))}
                      data-testid="client-logo-remove"
                    >
                      {t('field.remove')}
                    </button>
                  )}
                </div>
              </div>
            </div>
          )}
        </FieldFrame>
      </form>
      <ErrorAlert error={form.alert} />
      <StatusLine message={form.status} />
    </section>
  );
}
