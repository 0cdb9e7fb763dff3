// Value pools and a seeded random source for the synthetic security data generator.
export type Rand = () => number;
export const DAY_MS = 86_400_000;
export const FILES = [
  'invoice.pdf.exe',
  'mimikatz.exe',
  'payload.dll',
  'update.ps1',
  'svch0st.exe',
  'report.docm',
];
export const FOLDERS = ['C:\\Users\\Public\\Downloads', 'C:\\Windows\\Temp', 'C:\\ProgramData\\Cache'];
export const DOMAINS = [
  'evil-cdn.example',
  'login-micros0ft.example',
  'c2.badhost.example',
  'dropbox-share.example',
];
export const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
export const SCENARIOS = [
  { title: 'Suspicious PowerShell command line', category: 'Execution', mitre: 'T1059.001', kind: 'process' },
  {
    title: "'Mimikatz' credential theft tool",
    category: 'CredentialAccess',
    mitre: 'T1003',
    kind: 'malware',
  },
  {
    title: 'Connection to a known command and control server',
    category: 'CommandAndControl',
    mitre: 'T1071',
    kind: 'c2',
  },
  {
    title: 'Email messages containing malicious URL removed after delivery',
    category: 'InitialAccess',
    mitre: 'T1566.002',
    kind: 'phish',
  },
  { title: 'Atypical travel', category: 'InitialAccess', mitre: 'T1078', kind: 'identity' },
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'informational'] as const;
export const STATUSES = ['new', 'new', 'inProgress', 'resolved'] as const;

export function mulberry32(seed: number): Rand {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: Rand, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

const HEX = '0123456789abcdef';

/** n random hex digits, eight from each 32-bit draw. */
export function hex(rand: Rand, n: number): string {
  let s = '';
  while (s.length < n) {
    let u = Math.floor(rand() * 0x100000000);
    for (let k = 0; k < 8 && s.length < n; k++) {
      s += HEX[u & 15];
      u >>>= 4;
    }
  }
  return s;
}
