// What every console form does with a submit: runs it busy, shows a refusal beside the field it names, focuses that field, and says it saved.
import { type FormEvent, useRef, useState } from 'react';
import { useAction } from '../hooks/useAction';
import { useFocusInvalidField } from '../hooks/useFocusInvalidField';
import { formErrors } from './formErrors';

interface ConsoleFormOptions {
  /** A refusal that reached the form some other way (the audit log refusing a filter as it loads), shown like a refused submit. */
  refused?: unknown;
}

/**
 * `fields` are the API field paths the form shows (see formErrors): a refusal naming one of them shows beside it,
 * any other in the form's alert region. The field comes from the ApiError itself, never from its sentence.
 */
export function useConsoleForm(fields: readonly string[], { refused }: ConsoleFormOptions = {}) {
  const { busy, status, error, run } = useAction();
  const [savedMessage, setSavedMessage] = useState('');
  const ref = useRef<HTMLFormElement>(null);
  const shown = error ?? refused ?? null;
  useFocusInvalidField(ref, shown);
  const errors = formErrors(shown, fields);

  /** Runs `action` with the form busy and `progress` said; a new attempt takes back what the last one said. */
  const submit = (action: () => Promise<void>, progress = '') => {
    setSavedMessage('');
    return run(action, progress);
  };

  return {
    /** For the <form>: the refused field is looked for inside it. */
    ref,
    busy,
    /** For the StatusLine: what is happening, or else what the last submit did. */
    status: status || savedMessage,
    field: errors.field,
    /** For the ErrorAlert: a refusal no field of the form shows. */
    alert: errors.alert,
    submit,
    /** The form's onSubmit: the browser does not reload the page, the form runs `action`. */
    onSubmit: (action: () => Promise<void>, progress?: string) => (event: FormEvent) => {
      event.preventDefault();
      void submit(action, progress);
    },
    /** Says what the submit did ("Saved."), until the next submit or edit. */
    showSaved: setSavedMessage,
    /** Wraps a change to the form's values: once edited, the form no longer says it is saved. */
    edit:
      <Args extends unknown[]>(change: (...args: Args) => void) =>
      (...args: Args) => {
        setSavedMessage('');
        change(...args);
      },
  };
}
