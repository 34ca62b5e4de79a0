import { percentile, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ceil(p/100 * n) of the sorted samples', () => {
    const samples = [15, 20, 35, 40, 50];
    expect(percentile(samples, 30)).toBe(20);
    expect(percentile(samples, 40)).toBe(20);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 100)).toBe(50);
  });

  it('does not depend on the order of the samples', () => {
    const samples = Array.from({ length: 100 }, (_, index) => (index * 37) % 100);
    expect(percentile(samples, 50)).toBe(49);
    expect(percentile(samples, 99)).toBe(98);
    expect(percentile(samples, 1)).toBe(0);
  });

  it('returns the only sample of a single-sample set for every p', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects an empty sample set and a p outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('derives throughput from the wall time and latency figures from the samples', () => {
    const stats = summarize([10, 20, 30, 40], 2000, 12);
    expect(stats.instances).toBe(4);
    expect(stats.instancesPerSecond).toBe(2);
    expect(stats.p50Ms).toBe(20);
    expect(stats.p99Ms).toBe(40);
    expect(stats.meanMs).toBe(25);
    expect(stats.maxMs).toBe(40);
    expect(stats.cpuMsPerInstance).toBe(3);
  });
});
