import type { CSSProperties } from 'react';
import { initialsOf } from './plain-classes';

/*
 * The first screen's small pieces as plain elements with the classes of
 * src/styles/first-page.css (Fluent UI's look, its tokens as CSS variables): no
 * design-system code runs before the list is on screen.
 */

/** A busy indicator with its words, announced politely. */
export function Spinner({
  label,
  size,
  style,
}: {
  label: string;
  size?: 'tiny';
  style?: CSSProperties;
}) {
  return (
    <div
      className={size === 'tiny' ? 'pe-spinner pe-spinner--tiny' : 'pe-spinner'}
      role="status"
      style={style}
    >
      {label}
    </div>
  );
}

/** A grey placeholder block while something loads (decorative: its container says what loads). */
export function SkeletonBlock({
  width,
  height,
  circle = false,
}: {
  width: CSSProperties['width'];
  height: number;
  circle?: boolean;
}) {
  return (
    <span
      className={circle ? 'pe-skeleton pe-skeleton--circle' : 'pe-skeleton'}
      style={{ width, height }}
      aria-hidden
    />
  );
}

/** A person's initials in a circle (decorative: the name is written beside it). */
export function Avatar({ name }: { name: string }) {
  return (
    <span className="pe-avatar" aria-hidden>
      {initialsOf(name)}
    </span>
  );
}
