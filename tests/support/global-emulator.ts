import type { TestProject } from "vitest/node";
import { startEmulator, type EmulatorEndpoints } from "./emulator-process";

declare module "vitest" {
  export interface ProvidedContext {
    emulator: EmulatorEndpoints;
    emulatorDir: string;
  }
}

/** One emulator for the whole run; tests reset it through the control API as they need. */
export default async function setup(project: TestProject) {
  const emulator = await startEmulator();
  project.provide("emulator", emulator.endpoints);
  project.provide("emulatorDir", emulator.stateDir);
  return async () => emulator.stop();
}
