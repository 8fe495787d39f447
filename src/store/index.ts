export { useAppStore, resetAppStore, type AppState } from './store';
export * from './selectors';
export type { DocumentState } from './topologySlice';
export type { LastRun } from './lastRunSlice';
