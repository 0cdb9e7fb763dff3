// Signs in to the console through the emulated Entra ID the way a browser does, with plain HTTP
// requests: /sign-in/start, the authorize endpoint (signed in at once when the emulator's
// autoApproveLoginHint is on, else through its sign-in page's form), the callback. For tests of
// pages and actions behind the sign-in.
import { Agent, request } from 'undici';

export interface ConsoleSignIn {
  /** `name=value` of the session cookie, for a Cookie header. */
  cookie: string;
  /** The session's anti-forgery token when the console's home page carries one (a form's `_csrf` or a `csrf-token` meta). */
  csrfToken?: string;
  /** Where the console sent the browser once signed in. */
  location: string;
}

export interface SignInConsoleOptions {
  /** PEM of the emulators' CA (the authorize endpoint is HTTPS); else the process's trust. */
  ca?: string;
  /** The path to come back to (the `return` of /sign-in/start). */
  returnPath?: string;
}

type Jar = Map<string, string>;

function keep(jar: Jar, setCookie: string | string[] | undefined): void {
  for (const c of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
    const pair = c.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const value = pair.slice(eq + 1);
    if (value === '' || /max-age=0/i.test(c)) jar.delete(pair.slice(0, eq));
    else jar.set(pair.slice(0, eq), value);
  }
}

const header = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

async function get(url: string, agent: Agent | undefined, cookie?: string) {
  const res = await request(url, {
    method: 'GET',
    headers: cookie ? { cookie } : {},
    ...(agent ? { dispatcher: agent } : {}),
  });
  const text = await res.body.text();
  const loc = res.headers.location;
  return {
    status: res.statusCode,
    text,
    location: typeof loc === 'string' ? loc : undefined,
    setCookie: res.headers['set-cookie'],
  };
}

/** The whole redirect dance for `loginHint` (a UPN); throws with what went wrong on the way. */
export async function signInConsole(
  adminUrl: string,
  loginHint?: string,
  opts: SignInConsoleOptions = {},
): Promise<ConsoleSignIn> {
  const jar: Jar = new Map();
  const agent = opts.ca ? new Agent({ connect: { ca: opts.ca } }) : undefined;
  try {
    const start = new URL('/sign-in/start', adminUrl);
    if (loginHint) start.searchParams.set('login_hint', loginHint);
    if (opts.returnPath) start.searchParams.set('return', opts.returnPath);
    const s = await get(start.toString(), undefined);
    keep(jar, s.setCookie);
    if (s.status !== 302 || !s.location)
      throw new Error(`/sign-in/start answered ${s.status}: ${s.text.slice(0, 200)}`);
    let entra = await get(s.location, agent);
    let entraCookies: Jar = new Map();
    keep(entraCookies, entra.setCookie);
    if (entra.status === 200) {
      // The emulated sign-in page: pick the hinted account (or the first listed) and submit.
      const flowToken = /name="flowToken" value="([^"]*)"/.exec(entra.text)?.[1];
      const account = loginHint ?? /name="account" value="([^"]*)"/.exec(entra.text)?.[1];
      if (!flowToken || !account) throw new Error('the emulated sign-in page has no form to submit');
      const action = new URL(/<form method="post" action="([^"]*)"/.exec(entra.text)?.[1] ?? '', s.location);
      const res = await request(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(entraCookies) },
        body: new URLSearchParams({ flowToken, account, action: 'signin' }).toString(),
        ...(agent ? { dispatcher: agent } : {}),
      });
      const text = await res.body.text();
      const loc = res.headers.location;
      entra = {
        status: res.statusCode,
        text,
        location: typeof loc === 'string' ? loc : undefined,
        setCookie: undefined,
      };
      entraCookies = new Map();
    }
    if (!entra.location) throw new Error(`Entra answered ${entra.status}: ${entra.text.slice(0, 200)}`);
    const back = await get(entra.location, undefined, header(jar));
    keep(jar, back.setCookie);
    if (back.status !== 303 || !back.location)
      throw new Error(`the callback answered ${back.status}: ${back.text.slice(0, 300)}`);
    const session = [...jar].find(([k]) => k.endsWith('graphsoc-session'));
    if (!session) throw new Error('the callback set no session cookie');
    const cookie = `${session[0]}=${session[1]}`;
    const home = await get(new URL('/', adminUrl).toString(), undefined, cookie);
    const csrfToken =
      /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1] ??
      /<meta name="csrf-token" content="([^"]+)"/.exec(home.text)?.[1];
    return { cookie, location: back.location, ...(csrfToken ? { csrfToken } : {}) };
  } finally {
    await agent?.close();
  }
}
