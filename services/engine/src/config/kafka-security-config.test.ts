// Kafka TLS and SASL settings as an operator writes them: what a complete setting becomes, and the
// message each incomplete or wrong one fails the start with.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { engineConfigSchema } from './engine-config';
import { kafkaSecurityOf, readConfig } from '@baton/platform';

const dir = mkdtempSync(path.join(tmpdir(), 'kafka-security-config-'));
const caFile = path.join(dir, 'ca.crt');
const notPemFile = path.join(dir, 'ca.der');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
writeFileSync(notPemFile, 'binary');

const onKafka = {
  KAFKA_BROKERS: 'kafka:9093',
  MONGODB_URI: 'mongodb://mongo:27017',
  AUTH_MODE: 'none',
};

function configError(env: NodeJS.ProcessEnv): string {
  try {
    readConfig(engineConfigSchema, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('Kafka security configuration', () => {
  it('is off unless asked for: plain TCP, no SASL', () => {
    expect(kafkaSecurityOf(readConfig(engineConfigSchema, onKafka))).toBeUndefined();
  });

  it('turns TLS with a CA file and SCRAM credentials into client settings', () => {
    const config = readConfig(engineConfigSchema, {
      ...onKafka,
      KAFKA_TLS: 'true',
      KAFKA_TLS_CA_FILE: caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'baton-engine',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaSecurityOf(config)).toEqual({
      tls: { ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
      sasl: { mechanism: 'scram-sha-512', username: 'baton-engine', password: 's3cret' },
    });
  });

  it('turns KAFKA_TLS alone into TLS checked against the public CAs', () => {
    expect(kafkaSecurityOf(readConfig(engineConfigSchema, { ...onKafka, KAFKA_TLS: 'yes' }))).toEqual({
      tls: {},
    });
  });

  it('names a certificate file that cannot be read, or is not PEM', () => {
    const missing = path.join(dir, 'missing.crt');
    expect(configError({ ...onKafka, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: missing })).toContain(
      `KAFKA_TLS_CA_FILE: cannot read ${missing}`,
    );
    expect(configError({ ...onKafka, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: notPemFile })).toContain(
      `KAFKA_TLS_CA_FILE: ${notPemFile} is not a PEM certificate`,
    );
  });

  it('refuses certificate files without KAFKA_TLS, and a client certificate without its key', () => {
    expect(configError({ ...onKafka, KAFKA_TLS_CA_FILE: caFile })).toContain(
      'KAFKA_TLS_CA_FILE: only used over TLS: set KAFKA_TLS=true as well',
    );
    expect(configError({ ...onKafka, KAFKA_TLS: 'true', KAFKA_TLS_CERT_FILE: caFile })).toContain(
      'KAFKA_TLS_KEY_FILE: mutual TLS needs both KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE',
    );
  });

  it('lists every missing SASL setting, and credentials without a mechanism', () => {
    const message = configError({ ...onKafka, KAFKA_SASL_MECHANISM: 'scram-sha-256' });
    expect(message).toContain('KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=scram-sha-256');
    expect(message).toContain('KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-256');
    expect(configError({ ...onKafka, KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toContain(
      'KAFKA_SASL_USERNAME: set KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512) as well',
    );
    expect(configError({ ...onKafka, KAFKA_SASL_MECHANISM: 'gssapi' })).toContain('KAFKA_SASL_MECHANISM');
  });

  it('refuses Kafka security settings on the embedded bus, where they would be ignored', () => {
    expect(configError({ AUTH_MODE: 'none', KAFKA_TLS: 'true' })).toContain(
      'KAFKA_TLS: only used on Kafka: set KAFKA_BROKERS (and MONGODB_URI)',
    );
  });
});
