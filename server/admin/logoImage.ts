// A logo is a small image file sent as a data: URL: the instance's logo (settings) and an app's logo
// (clients) pass the same checks. It is only ever shown through <img> or served with a CSP that runs
// nothing, and an SVG with scripts is refused anyway.
import { z } from 'zod';
import { LOGO_RULES, LOGO_TYPE_NAMES } from '../model/logoRules.ts';
import { sniffPictureType } from '../model/pictures.ts';

const MAX_LOGO_BYTES = LOGO_RULES.maxBytes;
const LOGO = /^data:(image\/[a-z+]+);base64,([A-Za-z0-9+/]*={0,2})$/;
const MAX_LOGO_LENGTH = 'data:image/svg+xml;base64,'.length + Math.ceil(MAX_LOGO_BYTES / 3) * 4;

/** Whether the bytes are what the data: URL says they are (a renamed file or a page is refused). */
function contentMatches(type: string, bytes: Buffer): boolean {
  // PNG, JPEG and WebP are told by their first bytes as a profile picture is; an SVG by its first element.
  return type === 'image/svg+xml' ? startsWithSvgElement(bytes.toString('utf8')) : sniffPictureType(bytes) === type;
}

/** An SVG document: an <svg> element after at most an XML declaration, comments and a doctype. */
function startsWithSvgElement(text: string): boolean {
  if (text.includes('\0')) return false;
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  const skipTo = (end: string) => {
    const found = text.indexOf(end, at);
    at = found === -1 ? text.length : found + end.length;
  };
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    const rest = text.slice(at, at + 9).toLowerCase();
    if (rest.startsWith('<?xml')) skipTo('?>');
    else if (rest.startsWith('<!--')) skipTo('-->');
    else if (rest.startsWith('<!doctype')) {
      const subset = text.indexOf('[', at);
      const end = text.indexOf('>', at);
      skipTo(subset !== -1 && subset < end ? ']>' : '>');
    } else return /^<svg[\s>/]/i.test(text.slice(at, at + 5));
    if (at >= text.length) return false;
  }
}

/**
 * What can run in an SVG: a script element (also under a namespace prefix, <s:script>), an event
 * attribute, a javascript: link (a URL may have tabs or newlines inside its scheme), and an entity whose
 * value holds markup or a reference, which the XML parser expands into markup where the entity is used
 * (drawing programs declare entities too, with plain values: those pass).
 */
const SCRIPT_IN_SVG = /<([\w.-]+:)?script|\son[a-z]+\s*=|j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:|<!entity\s[^>"']*("[^"]*[<&]|'[^']*[<&])/i;

/** The text with its character references decoded, as the XML parser reads attribute and entity values (&#106;avascript:). */
const decodeCharacterReferences = (text: string) =>
  text.replace(/&#(x[0-9a-f]{1,6}|[0-9]{1,7});?/gi, (reference, code: string) => {
    const point = /^x/i.test(code) ? Number.parseInt(code.slice(1), 16) : Number(code);
    return point <= 0x10ffff ? String.fromCodePoint(point) : reference;
  });

/** A logo as a data: URL, checked: a PNG, JPEG, WebP or SVG (by its content), at most 64 KB, an SVG without scripts. */
export const logoSchema = z.string().superRefine((value, ctx) => {
  const tooBig = `must be at most ${MAX_LOGO_BYTES / 1024} KB`;
  if (value.length > MAX_LOGO_LENGTH) return void ctx.addIssue({ code: 'custom', message: tooBig });
  const match = LOGO.exec(value);
  if (!match || !(match[1]! in LOGO_TYPE_NAMES)) return void ctx.addIssue({ code: 'custom', message: 'must be a PNG, JPEG, WebP or SVG image' });
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length === 0) return void ctx.addIssue({ code: 'custom', message: 'must not be an empty file' });
  if (bytes.length > MAX_LOGO_BYTES) return void ctx.addIssue({ code: 'custom', message: tooBig });
  if (!contentMatches(match[1]!, bytes))
    return void ctx.addIssue({
      code: 'custom',
      message: `must be a PNG, JPEG, WebP or SVG image (this file says it is ${LOGO_TYPE_NAMES[match[1]!]} but its content is not)`,
    });
  if (match[1] === 'image/svg+xml' && SCRIPT_IN_SVG.test(decodeCharacterReferences(bytes.toString('utf8')))) {
    ctx.addIssue({ code: 'custom', message: 'must not contain scripts (an SVG logo is a picture only)' });
  }
});

/** The type and bytes of a data: URL that passed logoSchema. */
export function logoContent(dataUrl: string): { contentType: string; image: Buffer } {
  const match = LOGO.exec(dataUrl)!;
  return { contentType: match[1]!, image: Buffer.from(match[2]!, 'base64') };
}
