/**
 * A DateTimeOffset as Graph writes it: UTC with seven fractional digits, as in Microsoft's
 * examples for workPosition ("createdDateTime": "2020-07-06T06:34:12.2294868Z"). A client
 * that expects JavaScript's three digits meets the longer form here first.
 */
export function graphTimestamp(epochNanoseconds: bigint = nowInNanoseconds()): string {
  const milliseconds = epochNanoseconds / 1_000_000n;
  const seconds = new Date(Number(milliseconds)).toISOString().slice(0, 19);
  const fraction = (epochNanoseconds % 1_000_000_000n) / 100n;
  return `${seconds}.${fraction.toString().padStart(7, '0')}Z`;
}

/** Wall-clock time to the microsecond or so (Date.now() gives milliseconds only). */
function nowInNanoseconds(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1_000_000));
}
