import { createFileRoute } from '@tanstack/react-router';
import { positionQueries } from '../../features/positions/api/position-queries';
import { prepareDateFormats } from '../../features/positions/utils/format-dates';
import { MyProfilePage } from '../pages/my-profile-page';

export const Route = createFileRoute('/')({
  loader: ({ context: { queryClient } }) => {
    // Started, not awaited: the list shows its skeleton meanwhile, and a failure shows there.
    void queryClient.query(positionQueries.list('me')).catch(() => undefined);
    // The list's dates need Intl's formatters: built while the page waits for Graph.
    if ('requestIdleCallback' in window) window.requestIdleCallback(() => prepareDateFormats());
  },
  component: MyProfilePage,
});
