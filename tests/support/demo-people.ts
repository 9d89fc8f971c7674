import { DEMO_USER_IDS, DEMO_USERS, type Persona } from '../../emulator/store/demo-directory.js';

/** A demo person by persona name: id, sign-in name, display name and directory roles. */
export const DEMO_PEOPLE = Object.fromEntries(
  DEMO_USERS.map((user) => [
    user.key,
    {
      id: DEMO_USER_IDS[user.key],
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      roles: user.roles ?? [],
    },
  ]),
) as Record<
  Persona,
  { id: string; userPrincipalName: string; displayName: string; roles: string[] }
>;
