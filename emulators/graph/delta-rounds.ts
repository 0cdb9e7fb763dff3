// Delta rounds in progress (/users/delta, messages/delta): what a round covers is fixed when it starts,
// so its pages stay consistent while the data changes. At most 1,000 are kept; the oldest goes first,
// and its $skiptoken then reads as expired. https://learn.microsoft.com/graph/delta-query-overview
import { newGuid } from '../shared/ids.js';

const MAX_ROUNDS = 1000;

/** What every round keeps: where its deltaLink continues from, and how its pages look. */
export interface DeltaRound {
  /** The change version the round's deltaLink continues from. */
  snapshot: number;
  select?: string[] | undefined;
  pageSize: number;
}

export class DeltaRounds<R extends DeltaRound> {
  private readonly rounds = new Map<string, R>();

  /** Keeps a new round; its id goes into the $skiptoken of the round's nextLinks. */
  start(round: R): string {
    const id = newGuid();
    this.rounds.set(id, round);
    if (this.rounds.size > MAX_ROUNDS) this.rounds.delete(this.rounds.keys().next().value as string);
    return id;
  }

  get(id: string): R | undefined {
    return this.rounds.get(id);
  }

  /** The round's last page was served. */
  end(id: string): void {
    this.rounds.delete(id);
  }

  clear(): void {
    this.rounds.clear();
  }
}
