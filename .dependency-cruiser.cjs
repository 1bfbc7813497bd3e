// The architecture as rules: data flows one way (raw files → warehouse → exports → site and PDFs), so a module may
// import only from its own folder or from a lower layer, never from a higher one or a peer, and nothing forms a
// circle. `npm test` runs these rules (tests/unit/architecture.test.ts).

/** From the lowest layer to the highest; folders of one layer are peers and do not import each other. */
const LAYERS = [
  ["pipelines/core"],
  ["indicators"],
  ["sources"],
  ["pipelines/geography"],
  ["pipelines/secret"],
  ["pipelines/download", "pipelines/demo"],
  ["pipelines/ingest"],
  ["pipelines/harmonise"],
  ["pipelines/counts"],
  ["pipelines/distances"],
  ["pipelines/compute"],
  ["pipelines/exports"],
  ["pipelines/offer", "pipelines/activity"],
  ["pipelines/publish"],
  ["pipelines/steps"],
  ["cli", "bench", "scripts"],
];

const escape = (folder) => folder.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

const layerRules = LAYERS.flatMap((layer, index) =>
  layer.map((folder) => {
    const forbidden = [...LAYERS.slice(index).flat().filter((other) => other !== folder)];
    return {
      name: `couche-${folder.replace(/\//g, "-")}`,
      comment: `${folder} ne peut importer que son propre dossier et les couches plus basses`,
      severity: "error",
      from: { path: `^${escape(folder)}/` },
      to: { path: `^(${forbidden.map(escape).join("|")})/` },
    };
  }),
);

module.exports = {
  forbidden: [
    {
      name: "pas-de-cycle",
      comment: "aucun module ne dépend, même indirectement, de lui-même",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "site-autonome",
      comment: "le site ne lit que ses fichiers de données, jamais le code des traitements",
      severity: "error",
      from: { path: "^site/" },
      to: { path: "^(pipelines|cli|sources|indicators|bench)/" },
    },
    {
      name: "pas-de-tests-en-production",
      comment: "le code livré n'importe rien des tests",
      severity: "error",
      from: { pathNot: "^tests/" },
      to: { path: "^tests/" },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|sortie|data|scratch)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["es6", "cjs"],
  },
};
