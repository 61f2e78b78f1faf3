// Every error code has its sentence in the catalogue (errors namespace), which German and French
// answers give in place of the English one; the catalogue test checks that every language has them all.
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../../server/model/errorCodes.ts';
import { GatehouseError } from '../../server/model/errors.ts';
import english from '../../server/model/locales/en/errors.json' with { type: 'json' };
import { errorSentence } from '../../server/pages/errorSentences.ts';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

describe('error sentences', () => {
  it('has one for every error code, and none for a code that does not exist', () => {
    // Beside the codes: the generic field problems (fieldProblems.ts).
    const { problems: _problems, ...codes } = english;
    expect(Object.keys(codes).sort()).toEqual([...CODES].sort());
    for (const sentence of Object.values(codes)) expect(Object.keys(sentence)).toEqual(['message']);
  });

  it('keeps an error’s own sentence in English and gives its code’s sentence in German and French', () => {
    const error = new GatehouseError('username_taken', 'The username "alice" is taken.');
    expect(errorSentence('en', error)).toBe('The username "alice" is taken.');
    expect(errorSentence('de', error)).toBe('Dieser Benutzername ist schon vergeben. Wähle einen anderen.');
    expect(errorSentence('fr', error)).toBe('Ce nom d’utilisateur est déjà pris. Choisissez-en un autre.');
  });
});
