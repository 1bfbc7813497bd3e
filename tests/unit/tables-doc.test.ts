// docs/entrepot.md describes every table of the registry (pipelines/core/tables.ts), and nothing else: a table added
// in the code without its description, or a description left behind, fails here.
import fs from "node:fs";
import { expect, it } from "vitest";
import { TABLES } from "../../pipelines/core/tables.ts";

it("docs/entrepot.md décrit exactement les tables du registre", () => {
  const doc = fs.readFileSync("docs/entrepot.md", "utf8");
  // A described table is a row of a Markdown table whose first cell names it (one or several, in backquotes).
  const described = new Set(doc.split("\n").filter((line) => line.startsWith("| `")).flatMap((line) => [...line.split("|")[1]!.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!)));
  const registered = new Set<string>(Object.values(TABLES));
  expect([...registered].filter((name) => !described.has(name)).sort(), "tables sans description").toEqual([]);
  expect([...described].filter((name) => !registered.has(name)).sort(), "descriptions sans table").toEqual([]);
});
