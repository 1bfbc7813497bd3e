// Preloaded into each measured step: reports the process's peak resident memory when it exits.
const fs = require("node:fs");
process.on("exit", () => {
  const target = process.env.OBSERVATOIRE_BENCH_RSS;
  if (target) fs.writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
});
