import { describe, expect, it } from 'vitest';
import { delayAfter } from '../../server/src/core/attempt-counters';
import { addressGroup } from '../../server/src/core/client-address';
import { readEnv } from '../../server/src/env';

describe('addressGroup (the address sign-in throttling counts by)', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped address in hex groups', '::ffff:cb00:7107', '203.0.113.7'],
    ['an IPv6 address', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['a compressed IPv6 address', '2001:db8::1', '2001:db8:0:0::/64'],
    ['upper case and leading zeros', '2001:0DB8:0001:0002::FFFF', '2001:db8:1:2::/64'],
    ['an IPv6 address with a zone', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['the IPv6 loopback', '::1', '0:0:0:0::/64'],
    ['no address at all', undefined, 'unknown'],
  ])('%s: %s -> %s', (_label, ip, group) => {
    expect(addressGroup(ip)).toBe(group);
  });

  it('two addresses of one /64 are one group, of neighbouring /64s two', () => {
    expect(addressGroup('2001:db8:a:b::1')).toBe(addressGroup('2001:db8:a:b:ffff:ffff:ffff:ffff'));
    expect(addressGroup('2001:db8:a:b::1')).not.toBe(addressGroup('2001:db8:a:c::1'));
  });

  it('something that is no address is kept, cut to 64 characters', () => {
    expect(addressGroup('x'.repeat(100))).toBe('x'.repeat(64));
  });
});

describe('delayAfter (the wait after a number of failures)', () => {
  const rule = { free: 5, maxMs: 15 * 60_000 };
  it.each([
    [0, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [7, 4000],
    [14, 512_000],
    [15, 900_000],
    [10_000, 900_000],
  ])('%i failures with 5 free: wait %i ms', (failures, ms) => {
    expect(delayAfter(failures, rule)).toBe(ms);
  });

  it('the account-wide rule stops at its own, shorter cap', () => {
    expect(delayAfter(30, { free: 20, maxMs: 30_000 })).toBe(30_000);
  });
});

describe('TRUST_PROXY', () => {
  const env = (value?: string) => readEnv(value === undefined ? {} : { TRUST_PROXY: value });

  it('is unset by default: no forwarded address is believed', () => {
    expect(env().TRUST_PROXY).toBeUndefined();
  });

  it.each([
    ['1', 1],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8, fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
    ['192.0.2.10', ['192.0.2.10']],
  ])('accepts %s', (value, parsed) => {
    expect(env(value).TRUST_PROXY).toEqual(parsed);
  });

  it.each(['true', '*', '10.0.0.0/33', 'example.org', 'loopback,,', '1.2.3.4/8/8'])('refuses %s with a clear message', (value) => {
    expect(() => env(value)).toThrow(/TRUST_PROXY/);
  });
});
