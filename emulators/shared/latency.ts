// Delays used to emulate slow services.
import { setTimeout as sleepMs } from 'node:timers/promises';

export async function delay(ms: number): Promise<void> {
  if (ms > 0) await sleepMs(ms);
}
