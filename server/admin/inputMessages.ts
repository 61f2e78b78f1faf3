// How refused admin input reads. zod words its own checks for programmers ("Too big: expected number
// to be <=200"); here each is a phrase that follows the field's name ("pageSize: must be at most 200"),
// as the checks Gatehouse words itself do. A message a schema gives for a check always wins.
import { type z, ZodError, ZodObject } from 'zod';

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

/** What was sent instead: short values as themselves, others by kind. */
const received = (value: unknown): string => {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.length <= 30 ? JSON.stringify(value) : 'text';
  if (Array.isArray(value)) return 'a list';
  return KINDS[typeof value] ?? typeof value;
};

const sized = (origin: string, count: number | bigint) =>
  origin === 'string' ? `${count} character${count === 1 ? '' : 's'}` : origin === 'array' ? `${count} item${count === 1 ? '' : 's'}` : String(count);

const list = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

/**
 * The error map for one operation's input. `name` and `fields` name the operation and what it takes,
 * so a key it does not know is answered with the ones it does.
 */
export function inputMessages(name: string, fields: readonly string[]): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type': {
        if (issue.input === undefined) return 'is required';
        const expected = KINDS[issue.expected] ?? issue.expected;
        return `must be ${expected}, not ${received(issue.input)}`;
      }
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
        if (issue.inclusive === false) return `must be more than ${sized(issue.origin, issue.minimum)}`;
        return issue.origin === 'array' ? `must list at least ${sized('array', issue.minimum)}` : `must be at least ${sized(issue.origin, issue.minimum)}`;
      case 'too_big':
        if (issue.inclusive === false) return `must be less than ${sized(issue.origin, issue.maximum)}`;
        return issue.origin === 'array' ? `must list at most ${sized('array', issue.maximum)}` : `must be at most ${sized(issue.origin, issue.maximum)}`;
      case 'invalid_value':
        return issue.values.length === 1 ? `must be ${list(issue.values)}` : `must be one of ${list(issue.values)}`;
      case 'unrecognized_keys': {
        // The issue is moved onto the first unknown key, which the answer then names as the field.
        const [, ...others] = issue.keys;
        const nested = (issue.path?.length ?? 0) > 0;
        const what = `is not an input of ${name}${others.length > 0 ? ` (nor ${others.map((key) => `"${key}"`).join(', ')})` : ''}`;
        if (nested) return `${what}; leave it out`;
        return fields.length === 0 ? `${what}, which takes no input; leave it out` : `${what}; it takes ${fields.join(', ')}`;
      }
      default:
        return undefined;
    }
  };
}

/**
 * An operation's input, parsed, or a ZodError whose issues name the field at fault, worded by
 * inputMessages. A key the operation does not take is itself the field at fault.
 */
export function parseInput<Schema extends z.ZodType>(name: string, schema: Schema, input: unknown): z.output<Schema> {
  const fields = schema instanceof ZodObject ? Object.keys(schema.shape) : [];
  const result = schema.safeParse(input, { error: inputMessages(name, fields) });
  if (result.success) return result.data;
  throw new ZodError(result.error.issues.map((issue) => (issue.code === 'unrecognized_keys' ? { ...issue, path: [...issue.path, issue.keys[0]!] } : issue)));
}
