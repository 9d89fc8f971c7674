import { Button } from '@fluentui/react-components';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

interface ButtonAnchorProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  appearance?: 'primary' | 'secondary' | 'subtle';
  ref?: Ref<HTMLAnchorElement>;
}

function ButtonAnchor({ appearance, ref, ...props }: ButtonAnchorProps) {
  return <Button {...props} as="a" ref={ref} appearance={appearance} />;
}

const CreatedLinkButton = createLink(ButtonAnchor);

/**
 * A link to a route that looks like a Fluent button, e.g.
 * `<LinkButton to="/people/$userId" params={{ userId }}>`. It navigates inside the app
 * (and opens a new tab with Ctrl or the middle button, like any link).
 */
export const LinkButton: LinkComponent<typeof ButtonAnchor> = (props) => (
  <CreatedLinkButton {...props} />
);
