// Admin operations on a person's profile picture: set one for them (console, desktop window, API key) or
// remove it. The person sets their own on the account page (http/pictureRoutes.ts), checked the same way.
import { z } from 'zod';
import { deletePicture, savePicture } from '../db/userPictures.ts';
import { adminOperation, auditAdminChange } from './adminOperation.ts';
import { type PictureView, pictureView, processPicture } from './profilePictures.ts';
import { requireUser } from './userOperations.ts';

const idSchema = z.string().min(1, 'is required');

export const pictureOperations = [
  adminOperation(
    'users.setPicture',
    z.strictObject({
      id: idSchema,
      /** The file as a data: URL: PNG, JPEG, WebP or GIF (its first frame), at most 5 MB. */
      image: z.string(),
    }),
    async (ctx, { id, image }): Promise<PictureView> => {
      const user = requireUser(ctx, id);
      const picture = await processPicture(image);
      savePicture(ctx.db, ctx.clock, user.id, picture);
      auditAdminChange(ctx, { event: 'admin.users.setPicture', userId: user.id, details: { uploadedAs: picture.uploadedAs } });
      return pictureView(ctx.db, user.id);
    },
  ),

  adminOperation('users.removePicture', z.strictObject({ id: idSchema }), (ctx, { id }): PictureView => {
    const user = requireUser(ctx, id);
    if (deletePicture(ctx.db, ctx.clock, user.id)) auditAdminChange(ctx, { event: 'admin.users.removePicture', userId: user.id });
    return pictureView(ctx.db, user.id);
  }),
];
