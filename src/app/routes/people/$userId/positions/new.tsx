import { createFileRoute } from '@tanstack/react-router';
import { AddTheirPositionRoute } from '../../../../pages/position-editor-shell';

export const Route = createFileRoute('/people/$userId/positions/new')({
  component: AddTheirPositionRoute,
});
