import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { DEFAULT_IDENTITY_HEADERS, type ProtectedApp } from '../../../../server/model/protectedApps.ts';
import { useAdminClient } from '../AdminClientContext';
import { AllowedGroupsField } from '../clients/AllowedGroupsField';
import { uriLines } from '../clients/uriLines';
import { FormFooter } from '../FormFooter';
import { useConsoleForm } from '../useConsoleForm';
import { IDENTITY_HEADER_FIELDS, IdentityHeaderFields, identityHeadersOf, identityHeaderText } from './IdentityHeaderFields';
import { SessionLengthField } from './SessionLengthField';

const FIELDS = ['name', 'hosts', 'pathPrefixes', 'allowedGroups', 'bypassPaths', 'sessionTtl', ...IDENTITY_HEADER_FIELDS];

interface ProtectedAppFormProps {
  /** The app to edit; without one, the form creates an app. */
  app?: ProtectedApp;
  onSaved: (app: ProtectedApp) => Promise<void> | void;
}

/** A protected app's settings: its hosts, who may use it, what bypasses the check, what the app is told. */
export function ProtectedAppForm({ app, onSaved }: ProtectedAppFormProps) {
  const { t } = useTranslation('consoleAccess');
  const admin = useAdminClient();
  const [name, setName] = useState(app?.name ?? '');
  const [hosts, setHosts] = useState(app?.hosts.join('\n') ?? '');
  const [pathPrefixes, setPathPrefixes] = useState(app?.pathPrefixes.join('\n') ?? '');
  const [allowedGroups, setAllowedGroups] = useState(app?.allowedGroups ?? []);
  const [bypassPaths, setBypassPaths] = useState(app?.bypassPaths.join('\n') ?? '');
  const [headers, setHeaders] = useState(identityHeaderText(app?.identityHeaders ?? DEFAULT_IDENTITY_HEADERS));
  const [sessionTtl, setSessionTtl] = useState(app?.sessionTtl ?? null);
  const [moreOpen, setMoreOpen] = useState(app !== undefined && app.pathPrefixes.length > 0);
  const form = useConsoleForm(FIELDS);
  const { busy, edit } = form;
  const prefixesField = form.field('pathPrefixes', t('protectedAppForm.pathPrefixes'), { lines: true });

  const save = form.onSubmit(
    async () => {
      // Blank lines go, so "Line 3" in an error is the third line shown.
      const lists = { hosts: uriLines(hosts), pathPrefixes: uriLines(pathPrefixes), bypassPaths: uriLines(bypassPaths) };
      setHosts(lists.hosts.join('\n'));
      setPathPrefixes(lists.pathPrefixes.join('\n'));
      setBypassPaths(lists.bypassPaths.join('\n'));
      const fields = { name: name.trim(), ...lists, allowedGroups, identityHeaders: identityHeadersOf(headers), sessionTtl };
      const saved = app ? await admin['protectedApps.update']({ id: app.id, ...fields }) : await admin['protectedApps.create'](fields);
      if (app) form.showSaved(t('shared.saved'));
      await onSaved(saved);
    },
    app ? t('shared.saving') : t('protectedAppForm.protecting'),
  );

  const lineProps = (text: string) => ({ rows: Math.max(2, text.split('\n').length + 1), disabled: busy, spellCheck: false, autoCapitalize: 'none' });

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
      <TextField
        label={t('shared.name')}
        required
        value={name}
        onChange={(event) => edit(setName)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={100}
        placeholder="Sonarr"
        hint={t('protectedAppForm.nameHint')}
        {...form.field('name', t('shared.name'))}
        data-testid="protected-app-name"
      />
      <TextAreaField
        label={t('protectedAppForm.hosts')}
        required
        {...lineProps(hosts)}
        value={hosts}
        onChange={(event) => edit(setHosts)(event.target.value)}
        placeholder="sonarr.home.example"
        hint={t('protectedAppForm.hostsHint')}
        {...form.field('hosts', t('protectedAppForm.hosts'), { lines: true })}
        data-testid="protected-app-hosts"
      />
      {/* Open while it shows a refusal: the keyboard is taken to the refused box, which must be visible. */}
      <details className="more-fields" open={moreOpen || prefixesField.error !== undefined} onToggle={(event) => setMoreOpen(event.currentTarget.open)}>
        <summary data-testid="protected-app-more">{t('protectedAppForm.more')}</summary>
        <TextAreaField
          label={t('protectedAppForm.pathPrefixes')}
          optional
          {...lineProps(pathPrefixes)}
          value={pathPrefixes}
          onChange={(event) => edit(setPathPrefixes)(event.target.value)}
          placeholder="/sonarr"
          hint={t('protectedAppForm.pathPrefixesHint')}
          {...prefixesField}
          data-testid="protected-app-path-prefixes"
        />
      </details>
      <AllowedGroupsField
        selected={allowedGroups}
        onChange={edit(setAllowedGroups)}
        disabled={busy}
        {...form.field('allowedGroups', t('protectedAppForm.allowedGroups'))}
      />
      <SessionLengthField
        value={sessionTtl}
        onChange={edit(setSessionTtl)}
        disabled={busy}
        {...form.field('sessionTtl', t('protectedAppForm.sessionLength'))}
      />
      <TextAreaField
        label={t('protectedAppForm.bypassPaths')}
        optional
        {...lineProps(bypassPaths)}
        value={bypassPaths}
        onChange={(event) => edit(setBypassPaths)(event.target.value)}
        placeholder="/api/health"
        hint={t('protectedAppForm.bypassPathsHint')}
        {...form.field('bypassPaths', t('protectedAppForm.bypassPaths'), { lines: true })}
        data-testid="protected-app-bypass-paths"
      />
      <IdentityHeaderFields value={headers} onChange={edit(setHeaders)} disabled={busy} field={form.field} />
      <FormFooter form={form} submitLabel={app ? t('shared.saveChanges') : t('protectedAppForm.protect')} submitTestId="protected-app-save" />
    </form>
  );
}
