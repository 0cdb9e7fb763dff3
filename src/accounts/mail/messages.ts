// The texts of every mail the accounts feature sends, in English and German. `{name}` marks where a
// value goes; compose.ts escapes each value and wraps it in <bdi> before it is put in, so no text here
// may hold markup a value could complete.
export type MailLocale = 'en' | 'de';

export const MAIL_TEXTS = {
  en: {
    'code.subject': 'Your verification code',
    'code.intro.request': 'Someone asked to request a Microsoft 365 account or group with this address.',
    'code.intro.credential':
      'Someone asked to see the first sign-in credential of the account made for this address.',
    'code.code': 'Your code: {code}',
    'code.valid': 'The code is valid for {minutes} minutes.',
    'code.link': 'Or open this link and press Continue:',
    'code.ignore': 'If this was not you, ignore this mail: nothing happens without the code.',
    'received.subject': 'We received your request',
    'received.body': 'We received your request: {what}.',
    'received.approval': 'An administrator looks at it before anything is created.',
    'received.noApproval': 'It is being set up now; we mail you when it is ready.',
    'received.status': 'See where it stands at any time:',
    'ready.subject': 'Your request is ready',
    'ready.account': 'Your account {upn} is ready.',
    'ready.group': 'Your group request is done: {group}.',
    'ready.credential':
      'To sign in the first time, open your status page and choose "Show my first sign-in credential". It is shown once and never mailed.',
    'ready.status': 'Your status page:',
    'expiry.subject': 'Your account will be disabled soon',
    'expiry.body': 'Your account {upn} will be disabled on {date}.',
    'expiry.help': 'If you still need it, ask your help desk before then.',
    'disabled.subject': 'Your account was disabled',
    'disabled.body': 'Your account {upn} was disabled on {date}.',
    'disabled.help': 'Ask your help desk if you need it back.',
    'kind.account': 'an account ({title})',
    'kind.group-join': 'joining the group {group}',
    'kind.group-create': 'creating the group {group}',
    footer: 'This mail was sent automatically; replies are not read.',
  },
  de: {
    'code.subject': 'Ihr Bestätigungscode',
    'code.intro.request':
      'Jemand möchte mit dieser Adresse ein Microsoft-365-Konto oder eine Gruppe beantragen.',
    'code.intro.credential':
      'Jemand möchte die ersten Anmeldedaten des Kontos sehen, das für diese Adresse eingerichtet wurde.',
    'code.code': 'Ihr Code: {code}',
    'code.valid': 'Der Code ist {minutes} Minuten lang gültig.',
    'code.link': 'Oder öffnen Sie diesen Link und wählen Sie „Weiter“:',
    'code.ignore': 'Wenn Sie das nicht waren, beachten Sie diese Mail nicht: Ohne den Code geschieht nichts.',
    'received.subject': 'Wir haben Ihren Antrag erhalten',
    'received.body': 'Wir haben Ihren Antrag erhalten: {what}.',
    'received.approval':
      'Eine Administratorin oder ein Administrator prüft ihn, bevor etwas eingerichtet wird.',
    'received.noApproval': 'Er wird jetzt eingerichtet; wir schreiben Ihnen, sobald er fertig ist.',
    'received.status': 'Den Stand sehen Sie jederzeit hier:',
    'ready.subject': 'Ihr Antrag ist erledigt',
    'ready.account': 'Ihr Konto {upn} ist eingerichtet.',
    'ready.group': 'Ihr Gruppenantrag ist erledigt: {group}.',
    'ready.credential':
      'Für die erste Anmeldung öffnen Sie Ihre Statusseite und wählen „Meine ersten Anmeldedaten anzeigen“. Sie werden einmal angezeigt und nie per Mail geschickt.',
    'ready.status': 'Ihre Statusseite:',
    'expiry.subject': 'Ihr Konto wird bald deaktiviert',
    'expiry.body': 'Ihr Konto {upn} wird am {date} deaktiviert.',
    'expiry.help': 'Wenn Sie es weiter brauchen, wenden Sie sich vorher an Ihren Helpdesk.',
    'disabled.subject': 'Ihr Konto wurde deaktiviert',
    'disabled.body': 'Ihr Konto {upn} wurde am {date} deaktiviert.',
    'disabled.help': 'Wenden Sie sich an Ihren Helpdesk, wenn Sie es wieder brauchen.',
    'kind.account': 'ein Konto ({title})',
    'kind.group-join': 'Aufnahme in die Gruppe {group}',
    'kind.group-create': 'Einrichtung der Gruppe {group}',
    footer: 'Diese Mail wurde automatisch verschickt; Antworten werden nicht gelesen.',
  },
} as const satisfies Record<MailLocale, Record<string, string>>;

export type MailTextId = keyof (typeof MAIL_TEXTS)['en'];
