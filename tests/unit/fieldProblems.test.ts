// A field refused by one of the generic input checks gets its problem worded again in German and French;
// a problem a schema words itself stays as it is.
import { describe, expect, it } from 'vitest';
import { z, ZodError } from 'zod';
import { parseInput } from '../../server/admin/inputMessages.ts';
import { translatedProblem } from '../../server/http/fieldProblems.ts';
import type { Language } from '../../server/model/languages.ts';

const schema = z.strictObject({
  name: z.string().min(1).max(3),
  count: z.number().int().max(200).optional(),
  tags: z.array(z.string()).min(2).optional(),
  kind: z.enum(['light', 'dark']).optional(),
  on: z.boolean().optional(),
  note: z.string().max(5, 'Keep the note short.').optional(),
});

/** The English problem inputMessages gave, and the same in `language`. */
function problems(input: unknown, language: Language) {
  try {
    parseInput('the test', schema, input);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0]!;
    return { english: issue.message, translated: translatedProblem(issue, language) };
  }
  throw new Error('the input was accepted');
}

describe('field problems in German and French', () => {
  it('words the generic checks again', () => {
    expect(problems({}, 'de')).toEqual({ english: 'is required', translated: 'ist erforderlich' });
    expect(problems({ name: '' }, 'fr')).toEqual({ english: 'must not be empty', translated: 'ne doit pas être vide' });
    expect(problems({ name: 'abcd' }, 'de')).toEqual({ english: 'must be at most 3 characters', translated: 'darf höchstens 3 Zeichen sein' });
    expect(problems({ name: 'a', count: 1000 }, 'de')).toEqual({ english: 'must be at most 200', translated: 'darf höchstens 200 sein' });
    expect(problems({ name: 'a', tags: ['x'] }, 'fr')).toEqual({ english: 'must list at least 2 items', translated: 'doit contenir au moins 2 éléments' });
    expect(problems({ name: 'a', kind: 'neon' }, 'de')).toEqual({
      english: 'must be one of "light", "dark"',
      translated: 'muss eines von "light", "dark" sein',
    });
    expect(problems({ name: 'a', on: 'yes' }, 'de')).toEqual({ english: 'must be true or false, not "yes"', translated: 'muss true oder false sein' });
  });

  it('leaves a problem a schema words itself, and a key the input does not take, as they are', () => {
    expect(problems({ name: 'a', note: 'far too long' }, 'de')).toEqual({ english: 'Keep the note short.', translated: undefined });
    expect(problems({ name: 'a', colour: 'red' }, 'fr').translated).toBeUndefined();
  });
});
