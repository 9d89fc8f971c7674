import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigatedInApp } from '../lib/in-app-navigation';

const useStyles = makeStyles({
  page: {
    maxWidth: '960px',
    margin: '0 auto',
    padding: '24px 16px 96px',
    boxSizing: 'border-box',
    display: 'grid',
    gap: '16px',
    // Grid items may shrink below their content's width, so nothing pushes the page sideways.
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (max-width: 480px)': { padding: '16px 12px 96px' },
  },
  wide: { maxWidth: '1280px' },
  heading: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: '12px',
    flexWrap: 'wrap',
  },
  title: {
    ...typographyStyles.title2,
    margin: 0,
    ':focus': { outline: 'none' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

/**
 * A page: its heading and content. After an in-app move the heading takes focus, so a
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
  const styles = useStyles();
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Profile Editor`;
    if (focusTitle && hasNavigatedInApp()) titleRef.current?.focus({ preventScroll: true });
  }, [title, focusTitle]);
  return (
    <div className={wide ? `${styles.page} ${styles.wide}` : styles.page}>
      <div className={styles.heading}>
        <h1 className={styles.title} ref={titleRef} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </div>
  );
}
