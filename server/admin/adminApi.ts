// Every admin operation, by name, and the one way to run one: validate the input, then run.
// The HTTP and IPC transports both call runAdminOperation; the console is typed by AdminApi.
import type { z } from 'zod';
import { GatehouseError } from '../model/errors.ts';
import type { AdminContext } from './adminOperation.ts';
import { apiKeyOperations } from './apiKeyOperations.ts';
import { appPasswordOperations } from './appPasswordOperations.ts';
import { auditOperations } from './auditOperations.ts';
import { claimPreviewOperations } from './claimPreview.ts';
import { clientOperations } from './clientOperations.ts';
import { clientLogoOperations } from './clientLogoOperations.ts';
import { deviceSignInOperations } from './deviceSignInOperations.ts';
import { emailOperations } from './emailOperations.ts';
import { groupOperations } from './groupOperations.ts';
import { parseInput } from './inputMessages.ts';
import { personSessionOperations } from './personSessionOperations.ts';
import { pictureOperations } from './pictureOperations.ts';
import { protectedAppOperations } from './protectedAppOperations.ts';
import { protectedAppSnippetOperations } from './protectedAppSnippets.ts';
import { recoveryCodeOperations } from './recoveryCodeOperations.ts';
import { scopeOperations } from './scopeOperations.ts';
import { overviewOperations } from './overviewOperations.ts';
import { settingsOperations } from './settingsOperations.ts';
import { signingKeyOperations } from './signingKeyOperations.ts';
import { userMailOperations } from './userMailOperations.ts';
import { userOperations } from './userOperations.ts';

const ADMIN_OPERATIONS = [
  ...overviewOperations,
  ...userOperations,
  ...userMailOperations,
  ...pictureOperations,
  ...personSessionOperations,
  ...appPasswordOperations,
  ...recoveryCodeOperations,
  ...groupOperations,
  ...clientOperations,
  ...clientLogoOperations,
  ...deviceSignInOperations,
  ...claimPreviewOperations,
  ...scopeOperations,
  ...protectedAppOperations,
  ...protectedAppSnippetOperations,
  ...auditOperations,
  ...apiKeyOperations,
  ...settingsOperations,
  ...signingKeyOperations,
  ...emailOperations,
];

type Operation = (typeof ADMIN_OPERATIONS)[number];

/** The admin API as the console sees it: one async function per operation. */
export type AdminApi = {
  [O in Operation as O['name']]: (input: z.input<O['input']>) => Promise<Awaited<ReturnType<O['run']>>>;
};

export type AdminOperationName = Operation['name'];

const byName = new Map<string, Operation>(ADMIN_OPERATIONS.map((operation) => [operation.name, operation]));

/** Every operation's name, in the order they are defined. */
export const ADMIN_OPERATION_NAMES: readonly AdminOperationName[] = ADMIN_OPERATIONS.map((operation) => operation.name);

export function isAdminOperation(name: string): name is AdminOperationName {
  return byName.has(name);
}

export async function runAdminOperation(ctx: AdminContext, name: string, input: unknown): Promise<unknown> {
  const operation = byName.get(name);
  if (!operation) throw new GatehouseError('unknown_operation', `There is no admin operation "${name}".`);
  // A ZodError here becomes a field-level 400 in the transports; nothing has been changed yet.
  const parsed = parseInput(operation.name, operation.input, input ?? {});
  return (operation.run as (ctx: AdminContext, input: unknown) => unknown)(ctx, parsed);
}
