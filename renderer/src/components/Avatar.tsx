import { useState } from 'react';

interface AvatarProps {
  /** The person's name as shown beside the avatar: its initials stand in for a missing picture. */
  name: string;
  /** Their picture (`/pictures/...`, or a data: URL in the console), or null when they have none. */
  pictureUrl: string | null;
  size?: 'small' | 'medium' | 'large';
}

/** Up to two letters: the first of the first word and of the last ("Alice Liddell" → "AL", "alice" → "A"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const initial = (word: string | undefined) => (word ? Array.from(word)[0]!.toLocaleUpperCase() : '');
  return initial(words[0]) + (words.length > 1 ? initial(words.at(-1)) : '') || '?';
}

/**
 * A person's picture, or their initials when there is none (or it cannot be loaded). Decorative: their
 * name is always written beside it, so it adds nothing for a screen reader.
 */
export function Avatar({ name, pictureUrl, size = 'medium' }: AvatarProps) {
  const [failed, setFailed] = useState<string | null>(null);
  if (pictureUrl && failed !== pictureUrl)
    return <img className={`avatar avatar-${size}`} src={pictureUrl} alt="" onError={() => setFailed(pictureUrl)} data-testid="avatar-picture" />;
  return (
    <span className={`avatar avatar-${size} avatar-initials`} aria-hidden="true" data-testid="avatar-initials">
      {initialsOf(name)}
    </span>
  );
}
