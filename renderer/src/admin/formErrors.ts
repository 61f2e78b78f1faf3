// Where an admin API error shows: beside the field it names (`email`, `redirectUris.2`, `inputs.appUrl`,
// `claims.team`), when the form has that field, or else in the form's alert region.
import i18next from 'i18next';
import { ApiError } from '../api/client';
import type { FieldMessageProps } from '../components/FieldFrame';

interface FieldOptions {
  /** The field is a list entered one per line: `redirectUris.2` is "Line 3". */
  lines?: boolean;
}

const sentence = (text: string) => (/[.!?)]$/.test(text) ? text : `${text}.`);
const FOLLOWS_LABEL = /^(must|may|is|has|contains|uses|muss|darf|ist|hat|enthält|verwendet|doit|ne|peut|est|contient|utilise|n’est) /;

/**
 * `fields` are the field paths the form shows; an error at `field.anything` belongs to `field`. An input
 * check's problem arrives apart from its field ("must be …"); beside the field it reads "Email must be …".
 */
export function formErrors(error: unknown, fields: readonly string[]) {
  const path = error instanceof ApiError ? error.field : undefined;
  const owner = path === undefined ? undefined : fields.find((field) => path === field || path.startsWith(`${field}.`));

  const field = (name: string, label: string, options: FieldOptions = {}): FieldMessageProps => {
    if (owner !== name || !(error instanceof ApiError) || path === undefined) return {};
    const { problem } = error;
    const rest = path.slice(name.length + 1);
    const item = /^\d+$/.test(rest) ? Number(rest) + 1 : undefined;
    let text: string;
    if (options.lines && item !== undefined) text = i18next.t('console:formErrors.line', { line: item, problem: problem ?? error.message });
    else if (problem === undefined) text = error.message;
    else if (rest !== '' && item === undefined)
      text = i18next.t('console:formErrors.named', { name: rest, problem }); // a claim's name
    // "must be …" reads as a sentence after the field's label; "list at least one …" reads on its own
    // (the server says problems in the page's language: German and French verbs read the same way).
    else text = FOLLOWS_LABEL.test(problem) ? i18next.t('console:formErrors.labelled', { label, problem }) : problem[0].toUpperCase() + problem.slice(1);
    return { error: sentence(text), errorPath: path };
  };

  return { field, alert: owner === undefined ? error : null };
}
