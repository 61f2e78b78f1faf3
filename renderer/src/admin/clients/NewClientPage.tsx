import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminResult } from '../adminClient';
import { PageHeader } from '../PageHeader';
import { ClientCreatedView } from './ClientCreatedView';
import { NewClientForm } from './NewClientForm';
import { templateText } from './templateText';
import { type ClientTemplate, TemplatePicker } from './TemplatePicker';

type Step =
  | { step: 'choose'; back: boolean }
  | { step: 'fill'; template: ClientTemplate | null }
  | { step: 'done'; template: ClientTemplate | null; result: AdminResult<'clients.create'> };

/** A new client in three steps: which app, its details, then what to paste into the app. */
export function NewClientPage() {
  const { t } = useTranslation('consoleClients');
  const [step, setStep] = useState<Step>({ step: 'choose', back: false });
  return (
    <>
      <PageHeader title={t('newClientPage.title')} back={{ href: '/admin/clients', label: t('clientsPage.title') }}>
        <p className="page-subtitle">{t('newClientPage.step', { step: step.step === 'choose' ? 1 : step.step === 'fill' ? 2 : 3, total: 3 })}</p>
      </PageHeader>
      {step.step === 'choose' && <TemplatePicker focusHeading={step.back} onChoose={(template) => setStep({ step: 'fill', template })} />}
      {step.step === 'fill' && (
        <section className="panel">
          <NewClientForm
            template={step.template}
            onCreated={(result) => setStep({ step: 'done', template: step.template, result })}
            onBack={() => setStep({ step: 'choose', back: true })}
          />
        </section>
      )}
      {step.step === 'done' && <ClientCreatedView result={step.result} appName={step.template ? templateText(t, step.template).name : null} />}
    </>
  );
}
