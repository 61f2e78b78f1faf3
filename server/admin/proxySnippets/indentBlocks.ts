// Indenting a generated proxy configuration (Caddyfile, nginx): each line by how many `{` blocks it is in.

/** Joins the lines, each indented `unit` times per `{` block it is inside (a line opening with `}` closes one). */
export function indentBlocks(lines: string[], unit: string): string {
  let depth = 0;
  const out = lines.map((line) => {
    if (line.startsWith('}')) depth--;
    const indented = line === '' ? '' : unit.repeat(depth) + line;
    if (line.endsWith('{')) depth++;
    return indented;
  });
  return `${out.join('\n')}\n`;
}
