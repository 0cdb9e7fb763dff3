// Builds a ParsedReport around a hand-made original for analysis tests.
import type { ParsedMessage, ParsedReport } from '../../../src/phishing/parse/index.js';

export function messageOf(over: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    headers: [],
    from: { name: 'Sender', address: 'sender@fabrikam.example' },
    replyTo: [],
    returnPath: null,
    messageId: '<m@fabrikam.example>',
    subject: 'Hello',
    date: null,
    text: '',
    html: '',
    attachments: [],
    ...over,
  };
}

export function reportOf(over: Partial<ParsedMessage> = {}): ParsedReport {
  return {
    reporter: { name: 'Alice', address: 'alice@contoso.com' },
    wrapper: { subject: 'FW: Hello', messageId: '<w@contoso.com>', date: null },
    original: messageOf(over),
    source: 'rfc822',
    depth: 1,
    warnings: [],
  };
}

export const h = (name: string, value: string) => ({ name, value });
