// The simulation worker: exposes the engine's API to the main thread through comlink. No logic
// of its own; see sim-api.ts.

import { expose } from 'comlink';
import { z } from 'zod';
import { simApi } from './sim-api';

// zod compiles its object parsers with `new Function` when it can, and probes for that first; a
// page whose Content-Security-Policy has no 'unsafe-eval' (vite.config.ts) reports the probe as a
// violation. Its interpreted parsers are used instead.
z.config({ jitless: true });

expose(simApi);
