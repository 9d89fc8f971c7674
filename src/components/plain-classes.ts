/* Class names and helpers of the first screen's plain elements (src/styles/first-page.css). */

export type ButtonAppearance = 'primary' | 'secondary' | 'subtle';

/** The class of a button, or of a link that looks like one. */
export const buttonClass = (appearance: ButtonAppearance = 'secondary'): string =>
  appearance === 'secondary' ? 'pe-button' : `pe-button pe-button--${appearance}`;

/** Up to two initials of a name, as Fluent's Avatar shows them ("Adele Vance" → "AV"). */
export function initialsOf(name: string): string {
  const words = name
    .replace(/\(.*?\)|\[.*?\]|\{.*?\}/g, '')
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word));
  const first = words.at(0)?.charAt(0) ?? '';
  const last = words.length > 1 ? (words.at(-1)?.charAt(0) ?? '') : '';
  return `${first}${last}`.toUpperCase();
}
