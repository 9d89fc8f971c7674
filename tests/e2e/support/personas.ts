/** The seeded Contoso demo directory (password Passw0rd! for everyone). */
export const PERSONAS = {
  megan: {
    displayName: 'Megan Bowen',
    email: 'megan@contoso.com',
    id: '547cc18e-0b37-460b-a7a6-8c3a81c26fa1',
  },
  adele: {
    displayName: 'Adele Vance',
    email: 'adele@contoso.com',
    id: '191f7093-e667-4b6d-9ec3-5dd5ad5be7a0',
  },
  alex: {
    displayName: 'Alex Wilber',
    email: 'alex@contoso.com',
    id: 'b7fa9fe9-e8b0-41c3-b61f-5c07efd8de1a',
  },
  diego: {
    displayName: 'Diego Siciliani',
    email: 'diego@contoso.com',
    id: '3b8b335d-3416-4cc5-9cb1-7c1588ba05a5',
  },
  lee: {
    displayName: 'Lee Gu',
    email: 'lee@contoso.com',
    id: '5fff9fd5-6560-45e6-bef7-509e706edc23',
  },
  isaiah: {
    displayName: 'Isaiah Langer',
    email: 'isaiah@contoso.com',
    id: 'a4bb7a81-bd92-40d2-9888-d2e1ea600702',
  },
} as const;

export type Persona = keyof typeof PERSONAS;
export const DEMO_PASSWORD = 'Passw0rd!';
