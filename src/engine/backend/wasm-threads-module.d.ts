/** The URLs scripts/build/wasm-threads-plugin.ts gives the threads of the WASM backend. */
declare module 'virtual:segstudio-wasm-threads' {
  /** The thread workers' entry script. */
  export const threadScriptUrl: string;
  /** The Emscripten module script every thread imports. */
  export const moduleScriptUrl: string;
}
