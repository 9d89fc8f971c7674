import { createFileRoute } from '@tanstack/react-router';
import { EditTheirPositionRoute } from '../../../../pages/position-editor-shell';

export const Route = createFileRoute('/people/$userId/positions/$positionId')({
  component: EditTheirPositionRoute,
});
