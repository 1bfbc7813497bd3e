// Terminal output for study officers: French, quiet or verbose, coloured unless NO_COLOR is set.
export type Verbosity = "quiet" | "normal" | "verbose";

const useColour = () => !("NO_COLOR" in process.env) && process.stderr.isTTY === true;
const paint = (code: number, text: string) => (useColour() ? `\u001b[${code}m${text}\u001b[0m` : text);

export class Reporter {
  constructor(private readonly verbosity: Verbosity = "normal") {}

  /** Results: always on stdout, even with --quiet. */
  result(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** Progress and context, on stderr so that stdout stays parseable. */
  info(text: string): void {
    if (this.verbosity !== "quiet") process.stderr.write(`${text}\n`);
  }

  detail(text: string): void {
    if (this.verbosity === "verbose") process.stderr.write(`${paint(2, text)}\n`);
  }

  success(text: string): void {
    if (this.verbosity !== "quiet") process.stderr.write(`${paint(32, "✔")} ${text}\n`);
  }

  warn(text: string): void {
    process.stderr.write(`${paint(33, "Avertissement")} : ${text}\n`);
  }

  error(text: string): void {
    process.stderr.write(`${paint(31, "Erreur")} : ${text}\n`);
  }
}
