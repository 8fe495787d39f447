// The simulation worker: exposes the engine's API to the main thread through comlink. No logic
// of its own; see sim-api.ts.

import { expose } from 'comlink';
import { simApi } from './sim-api';

expose(simApi);
