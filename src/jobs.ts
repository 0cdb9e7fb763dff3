// The five jobs graphsoc does, as the dashboard lists them. A job that is built supplies a live
// status provider from its feature folder; until then it is listed as not yet available.
import type { JobSummary } from './dashboard/model.js';

export type JobStatusProvider = () => Promise<Pick<JobSummary, 'state' | 'detail'>>;

interface JobDescriptor {
  id: string;
  title: string;
  purpose: string;
  docs?: string;
  status?: JobStatusProvider;
}

export const JOBS: readonly JobDescriptor[] = [
  {
    id: 'phishing',
    title: 'Phishing reports → incidents',
    purpose:
      'Reads reported messages, analyses the original, groups campaigns and opens RSA Archer incidents.',
    docs: 'docs/phishing.md',
  },
  {
    id: 'relay',
    title: 'Threat Response relay',
    purpose: 'Serves the Cisco XDR / SecureX relay protocol with JWT authentication.',
  },
  {
    id: 'graph-security',
    title: 'Graph Security relay module',
    purpose: 'Answers observables with CTIM sightings from Microsoft Defender alerts.',
  },
  {
    id: 'intel',
    title: 'Threat-intel sync',
    purpose: 'Keeps Microsoft Sentinel and Defender indicators in step with TruSTAR enclaves.',
  },
  {
    id: 'accounts',
    title: 'Self-service accounts',
    purpose: 'Lets eligible people request a Microsoft 365 account or group after verifying their e-mail.',
  },
];

/** Live status providers by job id, supplied by the runtime for the features it started. */
export type JobStatuses = Partial<Record<string, JobStatusProvider>>;

export async function jobSummaries(live: JobStatuses = {}): Promise<JobSummary[]> {
  return Promise.all(
    JOBS.map(async (j) => {
      const base = { id: j.id, title: j.title, purpose: j.purpose, ...(j.docs ? { docs: j.docs } : {}) };
      const status = live[j.id] ?? j.status;
      if (!status) return { ...base, state: 'unavailable' as const, detail: 'Not part of this version yet.' };
      try {
        return { ...base, ...(await status()) };
      } catch (e) {
        return { ...base, state: 'failing' as const, detail: `Status unavailable: ${(e as Error).message}` };
      }
    }),
  );
}
