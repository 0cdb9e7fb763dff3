// Every text of the sign-in pages, in English and German; `{name}` is replaced by a value, which the
// view escapes like any other text.
import type { Locale, Messages } from '../../platform/feature/index.js';

export const messages = {
  en: {
    'signIn.title': 'Sign in',
    'signIn.heading': 'Sign in to the graphsoc console',
    'signIn.microsoft': 'Sign in with Microsoft',
    'signIn.microsoftHint': 'With your work account of {tenant}.',
    'signIn.breakGlass': 'Break-glass account',
    'signIn.breakGlassHint':
      'Only for when sign-in with Microsoft is unavailable. Every use is recorded in the audit log.',
    'signIn.user': 'User name',
    'signIn.password': 'Password',
    'signIn.submit': 'Sign in',
    'why.required': 'Sign in to continue.',
    'why.signed-out': 'You signed out.',
    'why.signed-out-everywhere': 'You signed out on every device.',
    'why.idle': 'Your session ended because it was not used for a while. Sign in again.',
    'why.expired': 'Your session reached its maximum length. Sign in again.',
    'setup.heading': 'Sign-in is not set up',
    'setup.body':
      'Set console.entra.tenant to the name of a [[tenants]] entry to sign in with Microsoft Entra ID, or turn on console.breakGlass with a password hash file. docs/console.md explains both.',
    'error.title': 'Sign-in failed',
    'error.again': 'Back to sign-in',
    'error.flow':
      'This sign-in cannot be finished: it was used already, is older than ten minutes, or was started in another browser. Start again.',
    'error.declined': 'The sign-in was cancelled at Microsoft.',
    'error.interaction': 'Microsoft Entra ID needs you to sign in interactively ({aadsts}). Start again.',
    'error.entra': 'Microsoft Entra ID refused the sign-in ({aadsts}): {description}',
    'error.token':
      'The sign-in could not be finished: Microsoft Entra ID could not be reached or answered unexpectedly. Try again in a moment.',
    'error.idToken': "Microsoft's sign-in answer did not pass the security checks and was refused.",
    'error.noRole':
      'You signed in at Microsoft as {user}, but you have no role in the console. Ask an administrator to assign you an app role of the graphsoc app (viewer, analyst or admin), directly or through a group.',
    'error.overage':
      'Your account is in more groups than a sign-in token can list, so group mappings cannot apply: access through a group needs an app role assigned to that group.',
    'error.badCredentials': 'Wrong user name or password.',
    'error.throttled': 'Too many failed sign-ins. Try again in {seconds} seconds.',
    'error.crossSite': "The form was not sent from the console's own page. Reload the page and try again.",
    'error.csrf': 'The form is out of date. Reload the page and try again.',
    'error.methodOff': 'This way of signing in is not set up.',
    'error.session': 'Your session has ended. Sign in again.',
    'error.other': 'The sign-in failed ({code}).',
  },
  de: {
    'signIn.title': 'Anmelden',
    'signIn.heading': 'Bei der graphsoc-Konsole anmelden',
    'signIn.microsoft': 'Mit Microsoft anmelden',
    'signIn.microsoftHint': 'Mit Ihrem Geschäftskonto von {tenant}.',
    'signIn.breakGlass': 'Notfallkonto',
    'signIn.breakGlassHint':
      'Nur für den Fall, dass die Anmeldung mit Microsoft nicht möglich ist. Jede Verwendung wird im Prüfprotokoll festgehalten.',
    'signIn.user': 'Benutzername',
    'signIn.password': 'Passwort',
    'signIn.submit': 'Anmelden',
    'why.required': 'Melden Sie sich an, um fortzufahren.',
    'why.signed-out': 'Sie haben sich abgemeldet.',
    'why.signed-out-everywhere': 'Sie haben sich auf allen Geräten abgemeldet.',
    'why.idle':
      'Ihre Sitzung wurde beendet, weil sie eine Weile nicht genutzt wurde. Melden Sie sich erneut an.',
    'why.expired': 'Ihre Sitzung hat ihre Höchstdauer erreicht. Melden Sie sich erneut an.',
    'setup.heading': 'Die Anmeldung ist nicht eingerichtet',
    'setup.body':
      'Setzen Sie console.entra.tenant auf den Namen eines [[tenants]]-Eintrags, um sich mit Microsoft Entra ID anzumelden, oder schalten Sie console.breakGlass mit einer Datei mit dem Passwort-Hash ein. docs/console.md erklärt beides.',
    'error.title': 'Anmeldung fehlgeschlagen',
    'error.again': 'Zurück zur Anmeldung',
    'error.flow':
      'Diese Anmeldung kann nicht abgeschlossen werden: Sie wurde bereits verwendet, ist älter als zehn Minuten oder wurde in einem anderen Browser begonnen. Beginnen Sie erneut.',
    'error.declined': 'Die Anmeldung wurde bei Microsoft abgebrochen.',
    'error.interaction':
      'Microsoft Entra ID verlangt eine interaktive Anmeldung ({aadsts}). Beginnen Sie erneut.',
    'error.entra': 'Microsoft Entra ID hat die Anmeldung abgelehnt ({aadsts}): {description}',
    'error.token':
      'Die Anmeldung konnte nicht abgeschlossen werden: Microsoft Entra ID war nicht erreichbar oder hat unerwartet geantwortet. Versuchen Sie es gleich noch einmal.',
    'error.idToken':
      'Die Anmeldeantwort von Microsoft hat die Sicherheitsprüfungen nicht bestanden und wurde abgelehnt.',
    'error.noRole':
      'Sie haben sich bei Microsoft als {user} angemeldet, haben aber keine Rolle in der Konsole. Bitten Sie eine Administratorin oder einen Administrator, Ihnen eine App-Rolle der graphsoc-App zuzuweisen (viewer, analyst oder admin), direkt oder über eine Gruppe.',
    'error.overage':
      'Ihr Konto gehört mehr Gruppen an, als ein Anmeldetoken aufführen kann; Gruppenzuordnungen greifen daher nicht. Zugriff über eine Gruppe erfordert eine App-Rolle, die dieser Gruppe zugewiesen ist.',
    'error.badCredentials': 'Benutzername oder Passwort ist falsch.',
    'error.throttled': 'Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in {seconds} Sekunden erneut.',
    'error.crossSite':
      'Das Formular wurde nicht von der Seite der Konsole gesendet. Laden Sie die Seite neu und versuchen Sie es erneut.',
    'error.csrf': 'Das Formular ist veraltet. Laden Sie die Seite neu und versuchen Sie es erneut.',
    'error.methodOff': 'Diese Art der Anmeldung ist nicht eingerichtet.',
    'error.session': 'Ihre Sitzung ist beendet. Melden Sie sich erneut an.',
    'error.other': 'Die Anmeldung ist fehlgeschlagen ({code}).',
  },
} as const satisfies Messages;

export type MessageId = keyof (typeof messages)['en'];

export function translate(locale: Locale, id: MessageId, vars: Record<string, string | number> = {}): string {
  const text: string = messages[locale][id] ?? messages.en[id];
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}
