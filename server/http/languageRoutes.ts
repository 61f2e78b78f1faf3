// The signed-in person's language, as the UI's language picker saves it: the emails Gatehouse sends them
// are written in it (the pages follow the picker's cookie, which the browser keeps).
import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { requireSession } from './sessionCookie.ts';
import { parseInput } from '../admin/inputMessages.ts';
import { setUserLanguage } from '../db/users.ts';
import { LANGUAGES } from '../model/languages.ts';

const PATH = '/api/account/language';

const languageSchema = z.strictObject({
  language: z.enum(LANGUAGES, { error: `Choose one of the languages Gatehouse speaks: ${LANGUAGES.join(', ')}.` }),
});

export function languageRoutes(app: AppContext): Router {
  const router = new Router();

  router.put(PATH, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const { user } = requireSession(app, ctx);
    const { language } = parseInput('the language', languageSchema, await readJson(ctx));
    setUserLanguage(app.db, user.id, language);
    ctx.status = 204;
  });

  return router;
}
