/**
 * Stored values stay far below Forge's 240 KiB per value (product.md §14 "Bounded records"): each
 * record that users add to has its own bound, and a value past it is refused before it is written.
 */

/** The size of a value as stored: its JSON, in bytes. */
export function sizeOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** A value past its record's bound: nothing was written. */
export class RecordTooLarge extends Error {
  constructor(
    readonly key: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`${key} would be ${Math.ceil(bytes / 1024)} KiB, more than its ${maxBytes / 1024} KiB bound`);
    this.name = 'RecordTooLarge';
  }
}
