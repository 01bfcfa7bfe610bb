import { createHash } from 'node:crypto';
import { nengmaoAuthHeaders, signNengmaoRequest } from './nengmao.signer';

describe('Nengmao sign', () => {
  it('is the lowercase hex MD5 of appKey followed by the timestamp (known answers)', () => {
    // Computed independently (catalogue nengmao-brand.md §2.3): reading A with the example's values.
    expect(signNengmaoRequest('userAppkey', '175665600000')).toBe('abe39510f7d72832df1d57619834ad5a');
    // md5("demo-app-key1756656000000"), the sandbox's demo key at 2025-09-01 00:00:00 GMT+8.
    expect(signNengmaoRequest('demo-app-key', '1756656000000')).toBe(createHash('md5').update('demo-app-key1756656000000').digest('hex'));
    expect(signNengmaoRequest('demo-app-key', '1756656000000')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not sign the literal "appkey+timestamp" with a plus sign', () => {
    expect(signNengmaoRequest('appkey', 'timestamp')).not.toBe('2035d051be35eb00363f1f9e1f43c83b');
    expect(signNengmaoRequest('appkey+', 'timestamp')).toBe('2035d051be35eb00363f1f9e1f43c83b');
  });

  it('answers an empty sign for an empty source, as the Java sample does', () => {
    expect(signNengmaoRequest('', '')).toBe('');
  });

  it('builds the public headers with an epoch-millisecond timestamp and its own sign', () => {
    const headers = nengmaoAuthHeaders({ appKey: 'demo-app-key', appSecret: 'demo-app-secret' }, 1756656000000);
    expect(headers).toEqual({
      appKey: 'demo-app-key',
      appSecret: 'demo-app-secret',
      timestamp: '1756656000000',
      sign: signNengmaoRequest('demo-app-key', '1756656000000'),
      format: 'JSON',
    });
  });

  it('changes the sign with the timestamp, so every attempt is signed afresh', () => {
    const first = nengmaoAuthHeaders({ appKey: 'k', appSecret: 's' }, 1000);
    const second = nengmaoAuthHeaders({ appKey: 'k', appSecret: 's' }, 1001);
    expect(first.sign).not.toBe(second.sign);
  });
});
