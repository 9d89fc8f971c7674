import { createFileRoute } from '@tanstack/react-router';
import { positionQueries } from '../../../features/positions/api/position-queries';
import { EditMyPositionRoute } from '../../pages/position-editor-shell';

export const Route = createFileRoute('/positions/$positionId')({
  loader: ({ context: { queryClient }, params: { positionId } }) => {
    // Opened at its address (not from the list, whose copy the editor starts from): the
    // position is asked for now, while the editor's code loads, not after it. A failure
    // shows in the editor.
    const listed = queryClient
      .getQueryData(positionQueries.list('me').queryKey)
      ?.some((position) => position.id === positionId);
    if (!listed)
      void queryClient.query(positionQueries.detail('me', positionId)).catch(() => undefined);
  },
  component: EditMyPositionRoute,
});
