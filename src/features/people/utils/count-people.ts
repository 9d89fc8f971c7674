/** "1 person", "25 people". */
export const countPeople = (count: number): string =>
  `${count} ${count === 1 ? 'person' : 'people'}`;
