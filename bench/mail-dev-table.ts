// The mail-dev bench's figures as a short table for people (stderr); the JSON line stays the record.
import type { CampaignFigures } from './mail-dev-campaigns.js';
import type { Figures } from './mail-dev-result.js';

export interface Speed {
  jobs: number;
  analysisPerSec: number;
  bareParsePerSec: number;
  /** Analysis time over bare-parse time, at the same number of threads. */
  timesBareParse: number;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

function campaignLine(side: string, c: CampaignFigures): string {
  return (
    `${side}: ${c.templates} templates of 2+ mails (${c.templateMails} mails, largest ${c.largestTemplate.mails} ` +
    `in ${c.largestTemplate.campaigns} campaigns); ${c.campaignsPerTemplate} campaigns per template, ` +
    `${c.templatesSplit} split; ${c.productCampaigns} campaigns of 2+ mails, ${c.mixedCampaigns} mixed ` +
    `(${c.mixedCampaignMails} mails); ${c.withoutText} mails without text`
  );
}

export function formatTable(f: Figures, speed: Speed, topRules = 15): string {
  const lines = [
    `${'folder'.padEnd(24)} ${pad('mails', 6)} ${pad('clean', 6)} ${pad('susp', 5)} ${pad('mal', 5)} ${pad('fail', 5)} ${pad('flag%', 6)} ${pad('noMS%', 6)}`,
  ];
  for (const [name, v] of Object.entries(f.withMicrosoft.folders)) {
    const without = f.withoutMicrosoft.folders[name]?.flaggedPct ?? 0;
    lines.push(
      `${name.padEnd(24)} ${pad(v.mails, 6)} ${pad(v.clean, 6)} ${pad(v.suspicious, 5)} ${pad(v.malicious, 5)} ${pad(v.failed, 5)} ${pad(v.flaggedPct.toFixed(1), 6)} ${pad(without.toFixed(1), 6)}`,
    );
  }
  lines.push(
    `detection ${f.withMicrosoft.detectionPct} % (without Microsoft's verdict ${f.withoutMicrosoft.detectionPct} %), ` +
      `false positives ${f.withMicrosoft.falsePositivePct} % (${f.withoutMicrosoft.falsePositivePct} %)`,
    `speed: ${speed.analysisPerSec} msg/s analysed, ${speed.bareParsePerSec} msg/s bare postal-mime parse, ` +
      `${speed.timesBareParse}x its time (${speed.jobs} threads each)`,
    campaignLine('campaigns, phish', f.campaigns.phish),
    campaignLine('campaigns, ham', f.campaigns.ham),
    `top rules by ham firings (phish/ham mails):`,
  );
  for (const [code, [phish, ham]] of Object.entries(f.rules).slice(0, topRules))
    lines.push(`  ${code.padEnd(32)} ${pad(phish, 5)} ${pad(ham, 5)}`);
  return `${lines.join('\n')}\n`;
}
