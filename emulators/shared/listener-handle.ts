// What every standalone emulator's handle offers beside its own control methods (Archer, TruSTAR,
// TAXII): its address and CA, latency, faults, the request log, reset and close, built once here
// from the listener's pieces so each emulator lists only what is its own.
import type { FastifyInstance } from 'fastify';
import type { FaultRule, FaultStore } from './faults.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import { removeCaFile } from './tls.js';

export interface ListenerHandle {
  /** https://host:port (Archer: with its virtual directory). */
  url: string;
  caPem: string;
  caPath: string;
  setLatency(ms: number): void;
  addFault(rule: FaultRule): string;
  removeFault(id: string): boolean;
  clearFaults(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Back to the start: the emulator's own state and settings; no faults or logs. */
  reset(): void;
  close(): Promise<void>;
}

export function listenerHandle(p: {
  url: string;
  caPem: string;
  caPath: string;
  app: FastifyInstance;
  faults: FaultStore;
  log: RequestLog;
  setLatency(ms: number): void;
  reset(): void;
}): ListenerHandle {
  return {
    url: p.url,
    caPem: p.caPem,
    caPath: p.caPath,
    setLatency: p.setLatency,
    addFault: (rule) => p.faults.add(rule),
    removeFault: (id) => p.faults.remove(id),
    clearFaults: () => p.faults.clear(),
    requests: () => p.log.list(),
    clearRequests: () => p.log.clear(),
    reset: p.reset,
    close: async () => {
      await p.app.close();
      removeCaFile(p.caPath);
    },
  };
}
