import { Link } from '@fluentui/react-components';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

function FluentAnchor({
  ref,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> }) {
  return <Link {...props} ref={ref} />;
}

const CreatedTextLink = createLink(FluentAnchor);

/** A link to a route that looks like a Fluent text link: `<TextLink to="/">`. */
export const TextLink: LinkComponent<typeof FluentAnchor> = (props) => (
  <CreatedTextLink {...props} />
);
