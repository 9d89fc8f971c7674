import { createFileRoute } from '@tanstack/react-router';
import { PersonProfilePage } from '../../../pages/people-pages';

export const Route = createFileRoute('/people/$userId/')({ component: PersonProfilePage });
