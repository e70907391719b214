import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Does listening on `host` keep the port on this machine? Only `localhost`, 127.0.0.0/8 and ::1
 * (also written `[::1]`, `0:0:0:0:0:0:0:1` or `::ffff:127.0.0.1`); `0.0.0.0`, `::`, a network
 * address or any other name does not.
 */
export function isLoopbackHost(host: string): boolean {
  const address = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (address === 'localhost') return true;
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
