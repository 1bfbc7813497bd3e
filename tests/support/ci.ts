// Whether the tests run in CI (.ci/run sets CI=true): there a missing prerequisite (browser, data) fails the run.
const value = (process.env.CI ?? "").trim().toLowerCase();
export const IN_CI = value !== "" && value !== "0" && value !== "false";
