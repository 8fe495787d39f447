export { useAppStore, resetAppStore, HISTORY_LIMIT, type AppState } from './store';
export * from './selectors';
export type { DocumentState, EditOptions, OpenOptions } from './topologySlice';
export type { LastRun } from './lastRunSlice';
export type { DoneRun, WalkSource } from './lastRunSlice';
