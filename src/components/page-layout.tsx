import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigatedInApp } from '../lib/in-app-navigation';

/**
 * A page: its heading and content (plain elements: src/styles/first-page.css). After an in-app move the heading takes focus, so a
 * screen reader says where the user arrived (on a fresh load the browser does that).
 */
export function PageLayout({
  title,
  actions,
  children,
  focusTitle = true,
  wide = false,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  focusTitle?: boolean;
  /** For tables: the page takes more of a wide screen. */
  wide?: boolean;
}) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Profile Editor`;
    if (focusTitle && hasNavigatedInApp()) titleRef.current?.focus({ preventScroll: true });
  }, [title, focusTitle]);
  return (
    <div className={wide ? 'pe-page pe-page--wide' : 'pe-page'}>
      <div className="pe-page__heading">
        <h1 className="pe-page__title" ref={titleRef} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </div>
  );
}
