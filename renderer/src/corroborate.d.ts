// What the preload (Electron) or the host shim (browser) puts on window: the contract's one entry
// point. Only client.ts may use it.
import type { Result } from '../../electron/schema/result';

declare global {
  interface Window {
    readonly corroborate: {
      call(method: string, input: unknown): Promise<Result<unknown>>;
    };
  }
}
