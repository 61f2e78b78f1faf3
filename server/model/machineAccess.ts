// Input rules for a client's machine access (the client credentials grant), shared by the admin API and
// the provisioning file: the scopes a robot may ask for, the resource servers its tokens may be for, and
// which combinations make sense.
import { z } from 'zod';

/** Scopes that belong to a person's sign-in; a machine client has no person. */
const PERSON_SCOPES = new Set(['openid', 'offline_access']);

export const machineScopeSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9:._/-]+$/, 'may use letters, digits and : . _ - / (one scope, no spaces)')
  .refine((scope) => !PERSON_SCOPES.has(scope), {
    error: (issue) => `"${String(issue.input)}" is for signing a person in; a machine client cannot ask for it`,
  });

/** Adds an issue at each entry that repeats an earlier one (a list compared exactly, so a repeat is a mistake). */
export const listedOnce = (list: string[], ctx: z.RefinementCtx) =>
  list.forEach((value, i) => {
    if (list.indexOf(value) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `lists "${value}" twice; list each once` });
  });

export const machineScopesSchema = z.array(machineScopeSchema).max(50, 'list at most 50 scopes').superRefine(listedOnce);

/** A resource server's identifier (RFC 8707): an absolute http(s) URI without a fragment, compared exactly. */
export const audienceSchema = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^/?#\s]+/i.test(value) && URL.canParse(value), 'must be an absolute http(s) URI, like https://registry.home.example')
  .refine((value) => !value.includes('#'), 'must not have a #fragment');

export const audiencesSchema = z.array(audienceSchema).max(20, 'list at most 20 audiences').superRefine(listedOnce);

export interface MachineAccess {
  public: boolean;
  clientCredentials: boolean;
  deviceFlow: boolean;
  redirectUris: string[];
  audiences: string[];
  requirePar: boolean;
}

/** What is wrong with a client's combination of settings, each with the field at fault. */
export function machineAccessProblems(client: MachineAccess): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (client.clientCredentials && client.public)
    problems.push({
      field: 'clientCredentials',
      message:
        'A machine client must be confidential: it proves itself with its secret, and a public client has none. Make it confidential or switch machine access off.',
    });
  if (client.audiences.length > 0 && !client.clientCredentials)
    problems.push({ field: 'audiences', message: 'Audiences are for machine tokens: switch on the client credentials grant, or remove them.' });
  // A browser sign-in needs somewhere to return to; a robot or a device-flow client does not.
  if (client.redirectUris.length === 0 && !client.clientCredentials && !client.deviceFlow)
    problems.push({
      field: 'redirectUris',
      message: 'List at least one redirect URI (where the app receives the sign-in), or switch on machine access or the device flow.',
    });
  // Pushed authorization requests are a step of the browser sign-in, which needs a redirect URI.
  if (client.requirePar && client.redirectUris.length === 0)
    problems.push({
      field: 'requirePar',
      message: 'Requiring pushed authorization requests is for apps that sign people in through the browser: list a redirect URI, or switch it off.',
    });
  return problems;
}
