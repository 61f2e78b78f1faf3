// A refused field's problem in the request's language. inputMessages.ts words zod's checks in English
// ("must be at most 200"); for German or French the same generic checks are worded again from the
// catalogue (errors:problems). A problem a schema words itself is a sentence of its own, and stays English.
import type { z } from 'zod';
import { inputMessages } from '../admin/inputMessages.ts';
import type { Language } from '../model/languages.ts';
import { translator } from '../pages/translations.ts';

type Issue = z.core.$ZodIssue;

/** The types inputMessages names in words ("must be a number"). */
const KINDS: readonly string[] = ['string', 'number', 'int', 'boolean', 'array', 'object', 'record'];

/** The problem in `language`, or undefined when it is not one of inputMessages' generic phrases. */
export function translatedProblem(issue: Issue, language: Language): string | undefined {
  const t = translator(language);
  // The answer's issue no longer carries the input: the phrases that need it are recognised by their English.
  if (issue.code === 'invalid_type') {
    if (issue.message === 'is required') return t('errors:problems.required');
    if (!/^must be .+, not .+$/.test(issue.message) || !KINDS.includes(issue.expected)) return undefined;
    // Every one of KINDS has its key under errors:problems.kinds.
    return t('errors:problems.type', { kind: t(`errors:problems.kinds.${issue.expected}`) });
  }
  if (issue.code !== 'too_small' && issue.code !== 'too_big' && issue.code !== 'invalid_value') return undefined;
  // The same check, worded by inputMessages: equal only when no schema gave a message of its own.
  if (issue.message !== inputMessages('', [])({ ...issue, input: undefined } as z.core.$ZodRawIssue)) return undefined;
  if (issue.code === 'invalid_value') {
    const values = issue.values.map((value) => JSON.stringify(value)).join(', ');
    return issue.values.length === 1 ? t('errors:problems.value', { values }) : t('errors:problems.oneOf', { values });
  }
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const size =
    issue.origin === 'string'
      ? t('errors:problems.characters', { count: bound })
      : issue.origin === 'array'
        ? t('errors:problems.items', { count: bound })
        : new Intl.NumberFormat(language).format(bound);
  if (issue.code === 'too_small') {
    if (issue.origin === 'string' && bound === 1) return t('errors:problems.notEmpty');
    if (issue.inclusive === false) return t('errors:problems.moreThan', { size });
    return issue.origin === 'array' ? t('errors:problems.listAtLeast', { size }) : t('errors:problems.atLeast', { size });
  }
  if (issue.inclusive === false) return t('errors:problems.lessThan', { size });
  return issue.origin === 'array' ? t('errors:problems.listAtMost', { size }) : t('errors:problems.atMost', { size });
}
