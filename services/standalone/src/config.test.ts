import { readStandaloneConfig } from './config';

describe('readStandaloneConfig', () => {
  it('applies the documented defaults', () => {
    expect(readStandaloneConfig({})).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
      PARTITIONS: 4,
      EXAMPLES_DIR: 'examples',
      DEPLOY_EXAMPLES: true,
      TOPIC_PREFIX: '',
    });
  });

  it('names every invalid variable', () => {
    expect(() => readStandaloneConfig({ PORT: 'eighty', PARTITIONS: '0', DEPLOY_EXAMPLES: 'maybe' })).toThrow(
      /PORT[\s\S]*PARTITIONS[\s\S]*DEPLOY_EXAMPLES/,
    );
  });
});
