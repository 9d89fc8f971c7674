import { Button } from '@fluentui/react-components';
import type { ComponentProps, MouseEvent, ReactNode } from 'react';
import { handleLinkClick } from '../lib/router';

type LinkButtonProps = Pick<ComponentProps<typeof Button>, 'appearance'> & {
  to: string;
  children: ReactNode;
  'aria-label'?: string;
};

/** A link that looks like a Fluent button and navigates inside the app. */
export function LinkButton({ to, children, ...props }: LinkButtonProps) {
  return (
    <Button
      {...props}
      as="a"
      href={to}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => handleLinkClick(event, to)}
    >
      {children}
    </Button>
  );
}
