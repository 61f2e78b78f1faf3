// Admin operations on an app's logo: upload one (the instance logo's checks), go back to the built-in
// logo of the template the client was made from, or remove it (the pages then show a letter tile).
import { z } from 'zod';
import { getClient } from '../db/clients.ts';
import { clientLogoUrl, clientTemplateId, removeClientLogo, setClientLogo, setClientTemplate } from '../db/clientLogos.ts';
import type { Db, Clock } from '../db/database.ts';
import { GatehouseError } from '../model/errors.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { builtInLogo } from './builtInLogos.ts';
import { logoContent, logoSchema } from './logoImage.ts';

export interface ClientLogoView {
  /** Where the logo is served (`/logos/...`), or null: none. */
  logoUrl: string | null;
  /** Whether the client's template has a built-in logo to go back to. */
  builtInLogo: boolean;
}

export function clientLogoView(db: Db, clientId: string): ClientLogoView {
  const templateId = clientTemplateId(db, clientId);
  return { logoUrl: clientLogoUrl(db, clientId), builtInLogo: templateId !== null && builtInLogo(templateId) !== undefined };
}

/** A client made from a template remembers it and starts with its built-in logo, when it has one. */
export function adoptTemplateLogo(db: Db, clock: Clock, clientId: string, templateId: string): void {
  setClientTemplate(db, clientId, templateId);
  const svg = builtInLogo(templateId);
  if (svg) setClientLogo(db, clock, clientId, { contentType: 'image/svg+xml', image: Buffer.from(svg) });
}

function requireClientId(ctx: AdminContext, id: string): string {
  if (!getClient(ctx.db, id)) throw new GatehouseError('not_found', `There is no client "${id}" (it may have been deleted).`, { field: 'id' });
  return id;
}

function logoChanged(ctx: AdminContext, clientId: string, logo: 'uploaded' | 'built_in' | 'removed'): ClientLogoView {
  auditAdminChange(ctx, { event: 'admin.clients.logo', clientId, details: { logo } });
  ctx.dataChanged();
  return clientLogoView(ctx.db, clientId);
}

export const clientLogoOperations = [
  adminOperation('clients.setLogo', z.strictObject({ id: z.string(), logo: logoSchema }), (ctx, input) => {
    const id = requireClientId(ctx, input.id);
    setClientLogo(ctx.db, ctx.clock, id, logoContent(input.logo));
    return logoChanged(ctx, id, 'uploaded');
  }),

  adminOperation('clients.useBuiltInLogo', z.strictObject({ id: z.string() }), (ctx, input) => {
    const id = requireClientId(ctx, input.id);
    const templateId = clientTemplateId(ctx.db, id);
    const svg = templateId === null ? undefined : builtInLogo(templateId);
    if (!svg)
      throw new GatehouseError('invalid_input', 'This client was not made from a template with a built-in logo; upload a logo instead.', { field: 'logo' });
    setClientLogo(ctx.db, ctx.clock, id, { contentType: 'image/svg+xml', image: Buffer.from(svg) });
    return logoChanged(ctx, id, 'built_in');
  }),

  adminOperation('clients.removeLogo', z.strictObject({ id: z.string() }), (ctx, input) => {
    const id = requireClientId(ctx, input.id);
    removeClientLogo(ctx.db, id);
    return logoChanged(ctx, id, 'removed');
  }),
];
