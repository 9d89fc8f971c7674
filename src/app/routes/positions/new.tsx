import { createFileRoute } from '@tanstack/react-router';
import { AddMyPosition } from '../../pages/position-editor-pages';

export const Route = createFileRoute('/positions/new')({ component: AddMyPosition });
