// What a profile picture may be, and where Gatehouse serves it. Shared with the UI, which checks a chosen
// file the same way before sending it (the server decides).

/** The formats a picture may come in, by their content type; SVG is not one (a picture is a photo, not a drawing with code). */
export const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type PictureType = (typeof PICTURE_TYPES)[number];

/** The largest file taken, before any decoding: a phone's photo fits. */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;

/** Every picture is stored as a square of this many pixels a side. */
export const PICTURE_SIZE = 256;

/** Where a stored picture is served, publicly (apps show it on their own pages): the token is random and new with every picture. */
export const picturePath = (urlToken: string) => `/pictures/${urlToken}`;

const startsWith = (bytes: Uint8Array, at: number, text: string) => [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));

/** The format the file's first bytes say it is, whatever its name or declared type says; null for any other. */
export function sniffPictureType(bytes: Uint8Array): PictureType | null {
  if (startsWith(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (startsWith(bytes, 0, '\xff\xd8\xff')) return 'image/jpeg';
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'image/webp';
  if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return 'image/gif';
  return null;
}
