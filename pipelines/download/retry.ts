// Trying again with exponential backoff: only failures that a later try may fix (network, 5xx, 429).
import { setTimeout as sleep } from "node:timers/promises";
import { toFailure, type NetworkSettings } from "./http.ts";

export interface RetryEvent {
  /** The try that failed (1 for the first). */
  attempt: number;
  attempts: number;
  waitMs: number;
  motif: string;
}

export type RetryListener = (event: RetryEvent) => void;

export async function withRetries<T>(settings: NetworkSettings, action: (attempt: number) => Promise<T>, onRetry?: RetryListener): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action(attempt);
    } catch (error) {
      const failure = toFailure(error);
      if (!failure) throw error;
      if (!failure.retryable || attempt >= settings.attempts) throw failure;
      const waitMs = failure.retryAfterMs ?? settings.backoffMs * 2 ** (attempt - 1);
      onRetry?.({ attempt, attempts: settings.attempts, waitMs, motif: failure.message });
      await sleep(waitMs);
    }
  }
}
