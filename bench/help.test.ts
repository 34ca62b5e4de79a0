import { benchFlags } from './options';
import { helpFlags } from './help';
import { realBenchFlags } from './real/options';

describe('npm run bench -- --help', () => {
  it('describes every flag of the embedded benchmark, and no flag it does not take', () => {
    expect(new Set(helpFlags('embedded'))).toEqual(new Set(Object.keys(benchFlags)));
  });

  it('describes every flag of --real, and no flag it does not take', () => {
    expect(new Set(helpFlags('real'))).toEqual(new Set(Object.keys(realBenchFlags)));
  });

  it('describes the socket benchmark flags', () => {
    expect(helpFlags('socket')).toEqual(['kafka', 'rate', 'seconds', 'clients', 'json']);
  });
});
