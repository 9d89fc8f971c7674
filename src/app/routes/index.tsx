import { createFileRoute } from '@tanstack/react-router';
import { positionQueries } from '../../features/positions/api/position-queries';
import { MyProfilePage } from '../pages/my-profile-page';

export const Route = createFileRoute('/')({
  loader: ({ context: { queryClient } }) => {
    // Started, not awaited: the list shows its skeleton meanwhile, and a failure shows there.
    void queryClient.query(positionQueries.list('me')).catch(() => undefined);
  },
  component: MyProfilePage,
});
