// Stored analyses for the console tests: a record as the pipeline writes it, with hostile values.
export const RLO = '\u202e';
export const HOSTILE_SUBJECT = `<script>alert(1)</script> Invoice ${RLO}fdp.exe`;

export function analysisJson(o: {
  subject?: string;
  from?: string;
  reporter?: string;
  messageId?: string;
  level?: 'clean' | 'suspicious' | 'malicious' | null;
  urls?: string[];
  sha256?: string;
  reasons?: string[];
}): string {
  const level = o.level === undefined ? 'malicious' : o.level;
  return JSON.stringify({
    reportedAt: 1,
    reporter: o.reporter ?? 'alice@contoso.com',
    subject: o.subject ?? 'Your mailbox is full',
    from: o.from ?? 'noreply@evil.example',
    replyTo: [],
    returnPath: null,
    messageId: o.messageId ?? '<orig-1@evil.example>',
    kind: 'phishing',
    analysis: level
      ? {
          received: [],
          auth: { spf: 'fail', dkim: 'none', dmarc: 'fail', arc: null, compauth: null, sources: [] },
          antiSpam: { scl: null, bcl: null, pcl: null, report: {} },
          iocs: {
            urls: o.urls ?? ['http://evil.example/login'],
            domains: ['evil.example'],
            ips: [],
            emails: [],
            attachments: o.sha256
              ? [
                  {
                    name: 'a.html',
                    contentType: 'text/html',
                    size: 1,
                    md5: 'a'.repeat(32),
                    sha1: 'b'.repeat(40),
                    sha256: o.sha256,
                  },
                ]
              : [],
            allowListed: 0,
          },
          lookalikes: [],
          verdict: {
            level,
            score: 70,
            reasons: (o.reasons ?? ['A link goes to evil.example']).map((text, i) => ({
              code: `r${i}`,
              points: 10,
              text,
            })),
          },
          campaign: { subject: 'x', urlFingerprint: null, senderDomain: null, messageId: null },
        }
      : null,
  });
}
