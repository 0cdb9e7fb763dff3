// Where to go once signed in: a local absolute path of the console, never another host. `//evil`,
// `/\evil`, a scheme or control characters fall back to the console's home.
const MAX_RETURN = 1024;

export function safeReturnPath(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_RETURN) return '/';
  if (v[0] !== '/' || v[1] === '/' || v[1] === '\\') return '/';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    // Control characters and the backslash: browsers strip tabs and newlines and read `\` as `/`.
    if (c < 0x20 || c === 0x7f || c === 0x5c) return '/';
  }
  // Resolved against a placeholder origin: whatever a browser would make of it must stay on it.
  const u = new URL(v, 'http://console.invalid');
  if (u.origin !== 'http://console.invalid') return '/';
  // The sign-in routes themselves are no place to come back to.
  if (u.pathname === '/sign-in' || u.pathname.startsWith('/sign-in/') || u.pathname.startsWith('/sign-out'))
    return '/';
  return `${u.pathname}${u.search}`;
}
