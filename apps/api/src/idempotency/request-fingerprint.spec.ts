import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('ignores key order and undefined values, but not values, method or route', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const base = requestFingerprint('POST', '/api/v1/cases', { a: 1, b: 2 });
    expect(requestFingerprint('POST', '/api/v1/cases', { b: 2, a: 1 })).toBe(base);
    expect(requestFingerprint('POST', '/api/v1/cases', { a: 1, b: 3 })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/public/feedback', { a: 1, b: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/cases', undefined)).toBe(
      requestFingerprint('POST', '/api/v1/cases', null),
    );
  });
});
