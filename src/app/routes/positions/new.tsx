import { createFileRoute } from '@tanstack/react-router';
import { AddMyPositionRoute } from '../../pages/position-editor-shell';

export const Route = createFileRoute('/positions/new')({
  component: AddMyPositionRoute,
});
