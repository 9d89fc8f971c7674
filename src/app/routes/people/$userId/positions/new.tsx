import { createFileRoute } from '@tanstack/react-router';
import { AddTheirPosition } from '../../../../pages/position-editor-pages';

export const Route = createFileRoute('/people/$userId/positions/new')({
  component: AddTheirPosition,
});
