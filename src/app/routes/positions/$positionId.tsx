import { createFileRoute } from '@tanstack/react-router';
import { EditMyPosition } from '../../pages/position-editor-pages';

export const Route = createFileRoute('/positions/$positionId')({ component: EditMyPosition });
