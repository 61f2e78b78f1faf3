// The one layout every message Gatehouse sends uses: plain text for every mail program, and simple HTML
// (inline styles only, since mail programs drop style sheets) with the instance's name and logo.
import type { User } from '../../db/users.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../model/languages.ts';
import { escapeHtml, type PageBrand } from '../../pages/pages.ts';
import { translator } from '../../pages/translations.ts';
import type { MailMessage } from '../mail.ts';

/** The instance's name and logo (the settings carry both). */
export type MailBrand = PageBrand;

/** The language a mail to this person is written in: the one they last used, else English. */
export const mailLanguage = (user: Pick<User, 'language'>): Language => user.language ?? DEFAULT_LANGUAGE;

export interface MailContent {
  language: Language;
  heading: string;
  paragraphs: string[];
  /** A button in HTML, the plain address in text. */
  action?: { label: string; url: string };
  /** A code to type, shown large. */
  code?: string;
  /** Why the person got this and what to do if it was not them. */
  footer?: string;
}

const LOGO_CID = 'logo@gatehouse';

/** A logo nodemailer can decode into the image the HTML shows; anything else is left out of both. */
const IMAGE_DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]+={0,2}$/i;

export function composeMail(brand: MailBrand, to: string, subject: string, content: MailContent): MailMessage {
  const logo = brand.logo && IMAGE_DATA_URL.test(brand.logo) ? brand.logo : null;
  const message: MailMessage = { to, subject, text: plainText(brand, content), html: html(brand.instanceName, logo !== null, subject, content) };
  if (logo) message.inlineImages = [{ cid: LOGO_CID, dataUrl: logo }];
  return message;
}

function plainText(brand: MailBrand, content: MailContent): string {
  const parts = [content.heading, ...content.paragraphs];
  if (content.code) parts.push(content.code);
  if (content.action) parts.push(`${content.action.label}:\n${content.action.url}`);
  if (content.footer) parts.push(content.footer);
  parts.push(`-- \n${brand.instanceName}`);
  return `${parts.join('\n\n')}\n`;
}

function html(instanceName: string, withLogo: boolean, subject: string, content: MailContent): string {
  const t = translator(content.language);
  const logo = withLogo ? `<img src="cid:${LOGO_CID}" alt="" width="32" height="32" style="vertical-align:middle;margin-right:8px;border:0">` : '';
  const paragraphs = content.paragraphs.map((text) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`).join('');
  const code = content.code
    ? `<p style="margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:6px;font-family:Menlo,Consolas,monospace">${escapeHtml(content.code)}</p>`
    : '';
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#2f5fd0;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#5b6575">${escapeHtml(t('mail:layout.orOpen'))} <a href="${escapeHtml(content.action.url)}" style="color:#2f5fd0;word-break:break-all">${escapeHtml(content.action.url)}</a></p>`
    : '';
  const footer = content.footer ? `<p style="margin:24px 0 0;font-size:13px;color:#5b6575">${escapeHtml(content.footer)}</p>` : '';
  return `<!doctype html>
<html lang="${content.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1c2330;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto">
<p style="margin:0 0 16px;font-weight:bold;font-size:18px">${logo}${escapeHtml(instanceName)}</p>
<div style="background:#ffffff;border:1px solid #d9dee7;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:22px">${escapeHtml(content.heading)}</h1>
${paragraphs}${code}${action}${footer}
</div>
<p style="margin:16px 0 0;font-size:12px;color:#5b6575">${escapeHtml(instanceName)}</p>
</div>
</body></html>
`;
}
