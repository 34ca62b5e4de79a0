import { isoTime } from './iso-time';

describe('isoTime', () => {
  it('gives Date#toISOString for each value, also when values repeat and alternate', () => {
    for (const millis of [
      0, 0, 1_735_732_800_000, 1_735_732_800_001, 1_735_732_800_000, -1, 253_402_300_799_999,
    ]) {
      expect(isoTime(millis)).toBe(new Date(millis).toISOString());
    }
  });

  it('throws for a time Date cannot show, as toISOString does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(8.64e15 + 1)).toThrow(RangeError);
  });
});
