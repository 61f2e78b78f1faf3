// Profile pictures over HTTP: the public address apps and pages load one from (GET /pictures/<urlToken>),
// and the person's own upload and removal on the account page (PUT and DELETE /api/account/picture). An
// admin sets someone's picture through the admin API (admin/pictureOperations.ts), checked the same way.
import Router from '@koa/router';
import { z } from 'zod';
import { parseInput } from '../admin/inputMessages.ts';
import { MAX_PICTURE_BODY_BYTES, processPicture } from '../admin/profilePictures.ts';
import { deletePicture, findPictureByToken, savePicture } from '../db/userPictures.ts';
import { picturePath } from '../model/pictures.ts';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { sendPublicImage, URL_TOKEN } from './publicImage.ts';
import { requireSession } from './sessionCookie.ts';

/** The file as a data: URL (processPicture checks it), as users.setPicture takes it. */
const uploadSchema = z.strictObject({ image: z.string({ error: 'Choose a picture to upload.' }) });

export function pictureRoutes(app: AppContext): Router {
  const router = new Router();

  router.get('/pictures/:urlToken', (ctx) => {
    const picture = URL_TOKEN.test(ctx.params.urlToken) ? findPictureByToken(app.db, ctx.params.urlToken) : undefined;
    // An old token (the picture changed or was removed) is simply not found.
    if (!picture) return;
    sendPublicImage(ctx, picture);
  });

  router.put('/api/account/picture', async (ctx) => {
    const { user } = requireSession(app, ctx);
    // Decoding and re-encoding costs the server real work: a person sets a picture now and then, not in a loop.
    app.rateLimiter.take('pictureUpload', app.clientIp(ctx.req));
    const { image } = parseInput('the picture', uploadSchema, await readJson(ctx, MAX_PICTURE_BODY_BYTES));
    const picture = await processPicture(image);
    const saved = savePicture(app.db, app.clock, user.id, picture);
    app.audit({ event: 'picture.changed', userId: user.id, ip: app.clientIp(ctx.req), details: { uploadedAs: picture.uploadedAs } });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { pictureUrl: picturePath(saved.urlToken) };
  });

  router.delete('/api/account/picture', (ctx) => {
    const { user } = requireSession(app, ctx);
    if (deletePicture(app.db, app.clock, user.id)) app.audit({ event: 'picture.removed', userId: user.id, ip: app.clientIp(ctx.req) });
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 204;
  });

  return router;
}
