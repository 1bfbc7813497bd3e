// Progress of one file on stderr: a bar redrawn in place on a terminal; on a log (not a TTY) a plain line now and
// then, so that a long download in CI still shows it is alive; nothing with --quiet.
import { formatNombre } from "../core/format-fr.ts";

export type ProgressMode = "barre" | "lignes" | "silencieux";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The bar on a terminal, plain lines elsewhere; none when the user asked for quiet. */
export function progressModeFor(stream: ProgressStream, quiet: boolean): ProgressMode {
  if (quiet) return "silencieux";
  return stream.isTTY ? "barre" : "lignes";
}

/** « 147,5 Mo »: decimal units, as producers state their file sizes. */
export function formatOctets(bytes: number): string {
  if (bytes < 1000) return `${bytes}\u00a0o`;
  const units = ["ko", "Mo", "Go", "To"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${formatNombre(1)(value)}\u00a0${units[unit]}`;
}

export function formatDebit(bytes: number, ms: number): string {
  return ms > 0 ? `${formatOctets(Math.round((bytes * 1000) / ms))}/s` : "—";
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export class FileProgress {
  private received = 0;
  private from = 0;
  private total: number | undefined;
  private startedAt = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly mode: ProgressMode,
    private readonly label: string,
    private readonly lineEveryMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  start(from: number, total: number | undefined): void {
    this.from = from;
    this.received = 0;
    this.total = total;
    this.startedAt = this.now();
    this.lastDraw = this.startedAt;
    if (this.mode === "barre") this.draw();
  }

  advance(bytes: number): void {
    this.received += bytes;
    const now = this.now();
    if (this.mode === "barre" && now - this.lastDraw >= REDRAW_MS) {
      this.lastDraw = now;
      this.draw();
    } else if (this.mode === "lignes" && now - this.lastDraw >= this.lineEveryMs) {
      this.lastDraw = now;
      this.stream.write(`  ${this.label} : ${this.describe()}\n`);
    }
  }

  /** Clears the bar, so that a message can be printed on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write("\r\u001b[2K");
    this.drawn = false;
  }

  /** Bytes received by this run (a resumed file's earlier bytes not counted) and the time it took. */
  summary(): { octets: number; ms: number } {
    return { octets: this.received, ms: this.startedAt ? this.now() - this.startedAt : 0 };
  }

  private describe(): string {
    const done = this.from + this.received;
    const speed = formatDebit(this.received, this.now() - this.startedAt);
    if (!this.total) return `${formatOctets(done)}, ${speed}`;
    const percent = Math.min(100, Math.floor((done / this.total) * 100));
    return `${percent}\u00a0% (${formatOctets(done)} / ${formatOctets(this.total)}), ${speed}`;
  }

  private draw(): void {
    const done = this.from + this.received;
    const label = this.label.length > 36 ? `${this.label.slice(0, 35)}…` : this.label.padEnd(36);
    let bar = "";
    if (this.total) {
      const filled = Math.min(BAR_WIDTH, Math.round((done / this.total) * BAR_WIDTH));
      bar = `[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] `;
    }
    this.stream.write(`\r\u001b[2K  ${label} ${bar}${this.describe()}`);
    this.drawn = true;
  }
}
