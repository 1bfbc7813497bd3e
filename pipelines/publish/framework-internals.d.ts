// The few parts of Observable Framework 1.13 that the build driver calls: the package publishes its CLI only, without
// type declarations, so these are written from its dist/ files (build.js, config.js, loader.js).
declare module "@observablehq/framework/dist/config.js" {
  export interface FrameworkConfig {
    root: string;
    output: string;
    loaders: unknown;
    /** Every page path to build ("/index", "/epci/200066926"): the build renders exactly these. */
    paths(): AsyncIterable<string>;
  }
  export function readConfig(configPath?: string, root?: string): Promise<FrameworkConfig>;
}

declare module "@observablehq/framework/dist/loader.js" {
  /** Data loader interpreters by extension (".js", ".py"…); null disables one. */
  export const defaultInterpreters: Record<string, string[]>;
  export class LoaderResolver {
    constructor(options: { root: string; interpreters: Record<string, string[] | null> });
  }
}

declare module "@observablehq/framework/dist/build.js" {
  import type { FrameworkConfig } from "@observablehq/framework/dist/config.js";
  export function build(context: { config: FrameworkConfig }): Promise<void>;
}
