// Preloaded into each measured command: reports, when the process exits, its peak resident memory and its CPU time
// (every thread: DuckDB's workers run inside the process), as JSON.
const fs = require("node:fs");
process.on("exit", () => {
  const target = process.env.OBSERVATOIRE_BENCH_RSS;
  if (!target) return;
  const usage = process.resourceUsage();
  fs.writeFileSync(target, JSON.stringify({ octets: usage.maxRSS * 1024, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
});
