import { applyDisplaySettings, readDisplaySettings } from '#lib/a11y/display-settings.ts';

// zod (pulled in by the shared contracts) probes `new Function('')` to decide whether it may compile fast
// parsers; under our `script-src 'self'` policy that probe is blocked and reported as a CSP violation on every
// page. Telling zod up front to stay jitless avoids the probe. zod reads this global config object
// (globalThis.__zod_globalConfig, mutated in place so an already loaded zod sees it too), and this hook runs
// before any route module.
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(g.__zod_globalConfig ??= {}).jitless = true;

// Large text and high contrast go on <html> before any route renders (no inline script may do it earlier).
applyDisplaySettings(readDisplaySettings());

export {};
