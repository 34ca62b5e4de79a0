// The kafkajs settings Baton's security options become: the broker is always verified, and the
// description logged at start-up never carries the password.
import { describeKafkaSecurity, kafkajsSecurity } from './kafka-security';

describe('kafkajsSecurity', () => {
  it('leaves the client on plain TCP without settings', () => {
    expect(kafkajsSecurity(undefined)).toEqual({});
  });

  it('verifies the broker certificate against the given CA and presents a client certificate', () => {
    expect(kafkajsSecurity({ tls: { ca: 'CA', cert: 'CERT', key: 'KEY' } })).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' },
    });
    expect(kafkajsSecurity({ tls: {} })).toEqual({ ssl: { rejectUnauthorized: true } });
  });

  it('passes the SASL mechanism and credentials', () => {
    expect(kafkajsSecurity({ sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' } })).toEqual({
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
  });
});

describe('describeKafkaSecurity', () => {
  it('names TLS and the SASL user, never the password', () => {
    const described = describeKafkaSecurity({
      tls: { ca: 'CA' },
      sasl: { mechanism: 'scram-sha-512', username: 'baton-engine', password: 'hunter2' },
    });
    expect(described).toBe('TLS, SASL SCRAM-SHA-512 as baton-engine');
    expect(described).not.toContain('hunter2');
    expect(describeKafkaSecurity({ tls: { cert: 'C', key: 'K' } })).toBe('mutual TLS');
    expect(describeKafkaSecurity(undefined)).toBe('no TLS');
  });
});
