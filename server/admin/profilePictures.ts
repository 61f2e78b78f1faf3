// A profile picture as both ways of setting one take it (the person on their account page, an admin in the
// console or the desktop window) and show it. An upload is checked, center-cropped to a square and
// re-encoded as WebP, which keeps nothing of the file but its pixels (no EXIF, no GPS position, no comments).
import type { Db } from '../db/database.ts';
import { findPictureOf, pictureTokenOf } from '../db/userPictures.ts';
import { GatehouseError } from '../model/errors.ts';
import { MAX_PICTURE_BYTES, PICTURE_SIZE, type PictureType, picturePath, sniffPictureType } from '../model/pictures.ts';

export interface PictureView {
  /** Where apps and browsers load it (the `picture` claim is this on the issuer), or null when there is none. */
  pictureUrl: string | null;
  /**
   * The same picture as a data: URL, for the console: the desktop window shows only its own files and
   * data: URLs, never the server's.
   */
  pictureImage: string | null;
}

/** Where the person's picture is served, or null when they have none. */
export function pictureUrlOf(db: Db, userId: string): string | null {
  const urlToken = pictureTokenOf(db, userId);
  return urlToken === null ? null : picturePath(urlToken);
}

export function pictureView(db: Db, userId: string): PictureView {
  const picture = findPictureOf(db, userId);
  if (!picture) return { pictureUrl: null, pictureImage: null };
  return { pictureUrl: picturePath(picture.urlToken), pictureImage: `data:${picture.contentType};base64,${picture.image.toString('base64')}` };
}

/** A file as the UI sends it (FileReader.readAsDataURL); the type it declares is not trusted, the bytes are sniffed. */
const DATA_URL = /^data:[^,]*;base64,([A-Za-z0-9+/]*={0,2})$/;

/** Room for the largest file as a data: URL (base64 makes 4 characters of every 3 bytes) and its declared type. */
const MAX_PICTURE_DATA_URL_LENGTH = 256 + Math.ceil(MAX_PICTURE_BYTES / 3) * 4;

/** The JSON body that carries the largest picture, for the transports' body limits. */
export const MAX_PICTURE_BODY_BYTES = MAX_PICTURE_DATA_URL_LENGTH + 1024;

/**
 * Pixels decoded at most: a 48-megapixel phone photo fits. A few megabytes of PNG can declare billions of
 * pixels (a decompression bomb); sharp refuses such a file from its header, before decoding it.
 */
const MAX_PICTURE_PIXELS = 64_000_000;

export interface ProcessedPicture {
  contentType: 'image/webp';
  image: Buffer;
  /** What the file was, for the audit log. */
  uploadedAs: PictureType;
}

const megabytes = `${MAX_PICTURE_BYTES / 1024 / 1024} MB`;

/** The picture to store from a data: URL, or a refusal naming the field (`image`) with a sentence saying what to do. */
export async function processPicture(dataUrl: string): Promise<ProcessedPicture> {
  if (dataUrl.length > MAX_PICTURE_DATA_URL_LENGTH) throw tooLarge();
  const match = DATA_URL.exec(dataUrl);
  if (!match) {
    throw new GatehouseError('picture_unreadable', 'Send the picture as a data: URL (data:image/png;base64,…), as the account page does.', { field: 'image' });
  }
  const bytes = Buffer.from(match[1]!, 'base64');
  if (bytes.length > MAX_PICTURE_BYTES) throw tooLarge();
  const uploadedAs = sniffPictureType(bytes);
  if (!uploadedAs) {
    throw new GatehouseError(
      'picture_type_unsupported',
      'Choose a PNG, JPEG, WebP or GIF picture. Other files, SVG drawings among them, cannot be a profile picture.',
      { field: 'image' },
    );
  }
  return { contentType: 'image/webp', image: await oneAtATime(() => squareWebp(bytes)), uploadedAs };
}

/**
 * Pictures are decoded one after another: the largest a file may declare takes a few hundred megabytes
 * while it is decoded (an interlaced 16-bit PNG of under a megabyte, say), so uploads that arrive
 * together must not add up.
 */
let decoding: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const done = decoding.then(job);
  decoding = done.catch(() => undefined);
  return done;
}

async function squareWebp(bytes: Buffer): Promise<Buffer> {
  // Loaded at the first upload, not with the server: libvips is large, and a server whose package lacks it
  // for this platform still starts (uploads then fail, and the log says why).
  const { default: sharp } = await import('sharp');
  try {
    // Only the first frame of an animation is read (sharp's default).
    return await sharp(bytes, { limitInputPixels: MAX_PICTURE_PIXELS, autoOrient: true })
      .resize(PICTURE_SIZE, PICTURE_SIZE, { fit: 'cover', position: 'centre' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) {
      throw new GatehouseError(
        'picture_too_large',
        `This picture has more than ${MAX_PICTURE_PIXELS / 1_000_000} million pixels. Save it at a smaller size and try again.`,
        { field: 'image' },
      );
    }
    throw new GatehouseError('picture_unreadable', 'This file could not be read as a picture: it may be damaged or cut off. Try another file.', {
      field: 'image',
    });
  }
}

function tooLarge(): GatehouseError {
  return new GatehouseError('picture_too_large', `This picture is larger than ${megabytes}. Choose a smaller file.`, { field: 'image' });
}
