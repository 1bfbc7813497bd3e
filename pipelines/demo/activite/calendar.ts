// Calendar arithmetic for the activity demo: exact totals spread over months, then days, then hours, in UTC so that
// no time zone or daylight-saving change moves an event into another day or year.
import { allocate } from "../allocate.ts";
import type { Rng } from "../random.ts";

export const MS_PER_DAY = 86_400_000;

export function daysOfYear(year: number): Date[] {
  const days: Date[] = [];
  for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += MS_PER_DAY) days.push(new Date(time));
  return days;
}

/** Monday = 0 … Sunday = 6. */
export const weekday = (day: Date): number => (day.getUTCDay() + 6) % 7;

/** A weighted draw: index i with probability weights[i] / Σ weights. */
export function drawIndex(rng: Rng, cumulative: readonly number[]): number {
  const target = rng.next() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function cumulate(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((weight) => (total += weight));
}

/** Opening days of a telephone line: weekdays mostly, a few weekend calls. */
export const WEEKDAY_WEIGHTS = [1, 1, 1, 1, 0.95, 0.2, 0.08];

/**
 * Exactly `total` events in the year, month by month along the monthly weights, each on a day drawn within its month
 * (weekday weights), sorted by date.
 */
export function datesInYear(rng: Rng, year: number, total: number, monthly: readonly number[], dayWeights: readonly number[] = WEEKDAY_WEIGHTS): Date[] {
  const perMonth = allocate(total, monthly);
  const days = daysOfYear(year);
  const dates: Date[] = [];
  for (let month = 0; month < 12; month += 1) {
    const inMonth = days.filter((day) => day.getUTCMonth() === month);
    const cumulative = cumulate(inMonth.map((day) => dayWeights[weekday(day)]!));
    for (let n = 0; n < perMonth[month]!; n += 1) dates.push(inMonth[drawIndex(rng, cumulative)]!);
  }
  return dates.sort((a, b) => a.getTime() - b.getTime());
}

/** A time of day between 8:30 and 18:30, as a full timestamp of that day. */
export function atOfficeHours(rng: Rng, day: Date): Date {
  const minutes = 8 * 60 + 30 + Math.floor(rng.next() * 600);
  return new Date(day.getTime() + minutes * 60_000);
}

const pad = (value: number) => String(value).padStart(2, "0");
export const frenchDate = (day: Date) => `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
export const isoDate = (day: Date) => day.toISOString().slice(0, 10);
export const frenchDateTime = (time: Date) => `${frenchDate(time)} ${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}`;
export const isoMonth = (year: number, month: number) => `${year}-${pad(month + 1)}`;
