import { createFileRoute } from '@tanstack/react-router';
import { EditTheirPosition } from '../../../../pages/position-editor-pages';

export const Route = createFileRoute('/people/$userId/positions/$positionId')({
  component: EditTheirPosition,
});
