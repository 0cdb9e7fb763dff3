// Addresses that identify nobody outside: private, loopback, link-local, CGNAT, unspecified.
// They are dropped from IOCs (every internal hop has them) but stay in the Received chain.
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [net, len] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['255.255.255.255', 32],
] as const)
  internal.addSubnet(net, len, 'ipv4');
for (const [net, len] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  internal.addSubnet(net, len, 'ipv6');

export function isPublicIp(ip: string): boolean {
  const v = isIP(ip);
  if (v === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return isPublicIp(mapped);
  return !internal.check(ip, v === 4 ? 'ipv4' : 'ipv6');
}
