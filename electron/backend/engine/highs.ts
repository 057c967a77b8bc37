// Loads HiGHS (WebAssembly) for the engine's exact step. The compiled module is cached per
// process and handed to each proposal worker, which only instantiates it. Node only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import loadHighs, { type Highs } from 'highs';
import { highsIntegerSolver, highsRelaxation } from '../../../shared/engine/highs-ip';
import type { EngineSolvers } from '../../../shared/engine/propose';

let compiled: Promise<WebAssembly.Module> | null = null;

/** The compiled HiGHS module (compiled once per process, off the main thread by V8). */
export function highsModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const file = createRequire(__filename).resolve('highs/runtime');
    // The project's type libraries declare WebAssembly's types only; the value is Node's global.
    const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;
    return wasm.compile(readFileSync(file));
  })();
  return compiled;
}

/** A ready HiGHS runtime, from a compiled module when one is given. */
export async function loadHighsRuntime(module?: WebAssembly.Module): Promise<Highs> {
  const compiledModule = module ?? (await highsModule());
  // highs 1.15 ignores a `wasmModule` option: Emscripten's `instantiateWasm` hook is what makes it
  // instantiate the module we compiled instead of reading and compiling the 3.5 MB file again.
  type Receive = (instance: object) => void;
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate(m: WebAssembly.Module, imports: object): Promise<object> } }).WebAssembly;
  return loadHighs({
    instantiateWasm: (imports: object, receive: Receive) => {
      void wasm.instantiate(compiledModule, imports).then(receive);
      return {};
    },
  } as Parameters<typeof loadHighs>[0]);
}

/** The engine's solvers with HiGHS loaded. */
export async function engineSolvers(module?: WebAssembly.Module): Promise<EngineSolvers> {
  const highs = await loadHighsRuntime(module);
  return { integer: highsIntegerSolver(highs), relaxation: highsRelaxation(highs) };
}
