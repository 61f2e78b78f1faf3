// The sentence an error gives a person, in their language. English keeps each error's own sentence,
// which often names the very thing at fault; another language gets its code's sentence from the
// catalogue (errors namespace), which says what happened and what to do in general words.
import type { ErrorCode } from '../model/errorCodes.ts';
import { DEFAULT_LANGUAGE, type Language } from '../model/languages.ts';
import { translator } from './translations.ts';

export function errorSentence(language: Language, error: { code: ErrorCode; message: string }): string {
  // Every ErrorCode has its key under errors: (tests/unit/errorSentences.test.ts checks). Each is an object
  // ({ message }), so that a code such as too_many is not taken for a plural form.
  return language === DEFAULT_LANGUAGE ? error.message : translator(language)(`errors:${error.code}.message`);
}
