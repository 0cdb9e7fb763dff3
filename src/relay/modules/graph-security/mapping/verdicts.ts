// deliberate: a judgement (and its verdict) per observable that Defender evidence calls malicious
// or suspicious. Evidence verdicts are Defender's own conclusion about that entity, so they are
// automated judgements (priority 90) valid for a week, the usual span for a re-check.
import { type Judgement, judgement, toSeverity, type Verdict, verdictFor } from '../../../ctim/index.js';
import type { Observable } from '../../../protocol/schemas.js';
import type { FoundAlert } from '../backends/types.js';
import type { AlertV2, Evidence } from '../schemas.js';

const WEEK_MS = 7 * 86_400_000;
const RANK: Record<string, number> = { malicious: 2, suspicious: 1 };

/** The values an evidence item stands for, lower-cased, to tie it to an observable. */
function valuesOf(e: Evidence): string[] {
  const f = e.fileDetails ?? e.imageFile;
  return [
    f?.sha256,
    f?.sha1,
    f?.fileName,
    f?.filePath,
    e.ipAddress,
    e.url,
    e.deviceDnsName,
    e.mdeDeviceId,
    e.userAccount?.userPrincipalName,
  ]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => v.toLowerCase());
}

export function judgementsFor(
  found: readonly FoundAlert<AlertV2>[],
  now = Date.now(),
): { judgements: Judgement[]; verdicts: Verdict[] } {
  // The strongest verdict per observable across every alert that mentions it.
  const best = new Map<string, { obs: Observable; rank: number; alert: AlertV2 }>();
  for (const { alert, matched } of found) {
    for (const obs of matched) {
      const v = obs.value.toLowerCase();
      for (const e of alert.evidence ?? []) {
        const rank = RANK[(e.verdict ?? '').toLowerCase()] ?? 0;
        if (rank === 0 || !valuesOf(e).some((x) => x === v || x.endsWith(`\\${v}`))) continue;
        const key = `${obs.type}\u0000${obs.value}`;
        if ((best.get(key)?.rank ?? 0) < rank) best.set(key, { obs, rank, alert });
      }
    }
  }
  const judgements: Judgement[] = [];
  for (const { obs, rank, alert } of best.values()) {
    judgements.push(
      judgement({
        observable: obs as Judgement['observable'],
        disposition: rank === 2 ? 2 : 3,
        confidence: rank === 2 ? 'High' : 'Medium',
        severity: toSeverity(alert.severity),
        priority: 90,
        source: 'Microsoft Defender',
        reason: `Evidence in alert "${(alert.title ?? alert.id).slice(0, 200)}"`,
        ...(alert.alertWebUrl ? { reason_uri: alert.alertWebUrl, source_uri: alert.alertWebUrl } : {}),
        valid_time: {
          start_time: new Date(now).toISOString(),
          end_time: new Date(now + WEEK_MS).toISOString(),
        },
      }),
    );
  }
  return { judgements, verdicts: judgements.map(verdictFor) };
}
