/** Every route of the app, in one place. */
export const paths = {
  home: '/',
  newPosition: '/positions/new',
  position: (positionId: string) => `/positions/${encodeURIComponent(positionId)}`,
  people: '/people',
  person: (userId: string) => `/people/${encodeURIComponent(userId)}`,
  personNewPosition: (userId: string) => `/people/${encodeURIComponent(userId)}/positions/new`,
  personPosition: (userId: string, positionId: string) =>
    `/people/${encodeURIComponent(userId)}/positions/${encodeURIComponent(positionId)}`,
} as const;
