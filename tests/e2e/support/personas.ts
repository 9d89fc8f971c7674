import { DEMO_PASSWORD, type Persona } from '../../../emulator/store/demo-directory.js';
import { DEMO_PEOPLE } from '../../support/demo-people';

/** The seeded Contoso demo directory, as the browser tests name its people. */
export const PERSONAS = Object.fromEntries(
  Object.entries(DEMO_PEOPLE).map(([persona, person]) => [
    persona,
    { displayName: person.displayName, email: person.userPrincipalName, id: person.id },
  ]),
) as Record<Persona, { displayName: string; email: string; id: string }>;

export { DEMO_PASSWORD, type Persona };
