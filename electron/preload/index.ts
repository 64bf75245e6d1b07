// The renderer's whole view of the machine: one function. Built as CommonJS because sandboxed
// preloads cannot load ES modules; nothing of ipcRenderer itself crosses the bridge.
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../schema/result';

const corroborate = {
  call: (method: string, input: unknown): Promise<Result<unknown>> =>
    ipcRenderer.invoke('api', { method, input }),
};

contextBridge.exposeInMainWorld('corroborate', corroborate);
