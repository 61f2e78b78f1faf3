/** The URIs in a one-per-line text box, without blank lines or surrounding spaces. */
export const uriLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
