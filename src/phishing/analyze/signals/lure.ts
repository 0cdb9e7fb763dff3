// The words phish use to make people act: verify an account before it is closed, claim a reward,
// release a parcel, enter a recovery phrase. Legitimate services say some of these too (a real
// "unusual sign-in activity" mail exists), so a lure is one piece of evidence among others, never a
// verdict. Phrases, not words: "confirm" or "account" alone are everyday mail. English and the
// languages most phish aimed at Microsoft 365 tenants in Europe and the Americas are written in.
// Read from the subject and the start of the visible text only, where a lure has to be to work.

/** Characters of the visible text read: the lure is in the opening, and the scan stays bounded. */
export const LURE_TEXT_CHARS = 4000;

const PHRASES = [
  // English
  'verify your account',
  'verify your identity',
  'verify your email',
  'verify your wallet',
  'confirm your account',
  'confirm your identity',
  'confirm your details',
  'update your payment',
  'update your billing',
  'update your account information',
  'account has been suspended',
  'account will be suspended',
  'account has been locked',
  'account has been limited',
  'account has been disabled',
  'account will be closed',
  'account will be deactivated',
  'unusual sign-in activity',
  'unusual sign in activity',
  'suspicious activity on your account',
  'password expires today',
  'password has expired',
  'password will expire',
  'mailbox is full',
  'mailbox storage',
  'email quota',
  'mailbox quota',
  'messages are on hold',
  'blocked messages',
  'pending messages',
  'claim your reward',
  'claim your airdrop',
  'claim your prize',
  'claim your refund',
  'claim your cashback',
  'receive your reward',
  'airdrop',
  'seed phrase',
  'recovery phrase',
  'tax refund',
  'refund is ready',
  'final notice',
  'final warning',
  'immediate action required',
  'urgent action required',
  'payment failed',
  'payment was declined',
  'delivery failed',
  'unable to deliver your package',
  'package is on hold',
  'shipment is on hold',
  // Advance-fee fraud: money for a stranger's help
  'need your assistance',
  'urgent reply',
  'next of kin',
  'inheritance fund',
  'compensation fund',
  'donation fund',
  'business proposal',
  'consignment box',
  'atm card',
  // Portuguese
  'sua conta foi bloqueada',
  'sua conta será bloqueada',
  'sua conta será suspensa',
  'conta bloqueada',
  'atualize seus dados',
  'atualizar seus dados',
  'atualização cadastral',
  'confirme seus dados',
  'confirme sua identidade',
  'pagamento pendente',
  'entrega pendente',
  'falha na entrega',
  'encomenda retida',
  'mercadoria retida',
  'taxa de importação',
  'resgate seus pontos',
  'seus pontos expiram',
  'cartão bloqueado',
  // Spanish
  'su cuenta ha sido suspendida',
  'su cuenta será suspendida',
  'su cuenta ha sido bloqueada',
  'verifique su cuenta',
  'actualice sus datos',
  'confirme sus datos',
  'paquete retenido',
  'entrega suspendida',
  'pago pendiente',
  // German
  'ihr konto wurde gesperrt',
  'ihr konto wird gesperrt',
  'konto gesperrt',
  'bestätigen sie ihre identität',
  'bestätigen sie ihre daten',
  'verifizieren sie ihr konto',
  'aktualisieren sie ihre daten',
  'zahlung fehlgeschlagen',
  'letzte mahnung',
  // French
  'votre compte a été suspendu',
  'votre compte sera suspendu',
  'votre compte a été bloqué',
  'vérifiez votre compte',
  'vérifier votre compte',
  'confirmer votre identité',
  'mettre à jour vos informations',
  'colis en attente',
  'livraison échouée',
  // Italian
  'il tuo account è stato sospeso',
  'verifica il tuo account',
  'aggiorna i tuoi dati',
  // Dutch
  'uw account is geblokkeerd',
  'verifieer uw account',
  'bevestig uw gegevens',
];

// Outside a character class `-` needs no escape, and the `u` flag refuses one.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Whole phrases: no letter or digit of any script right before or after. The alternation has no nested
// repetition, so a scan is linear in the text read, which is bounded anyway.
const LURE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PHRASES.map((p) => escapeRegExp(p).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

/** The first lure phrase of the subject or the opening of the visible text, as written; null when none. */
export function lurePhrase(subject: string, text: string): string | null {
  for (const t of [subject.slice(0, 1000), text.slice(0, LURE_TEXT_CHARS)]) {
    const m = LURE.exec(t.normalize('NFC'));
    if (m) return m[0].replace(/\s+/g, ' ');
  }
  return null;
}
