/**
 * Longest values Graph accepts, following Microsoft Entra's limits for the matching user
 * attributes (the emulator enforces the same; a test keeps the two lists in step).
 */
export const POSITION_LIMITS = {
  jobTitle: 128,
  companyName: 256,
  department: 64,
  officeLocation: 128,
  pronunciation: 256,
  webUrl: 2048,
  street: 1024,
  city: 128,
  state: 128,
  postalCode: 40,
  countryOrRegion: 128,
  postOfficeBox: 40,
  description: 2000,
  summary: 2000,
  category: 100,
  categoryCount: 50,
} as const;
