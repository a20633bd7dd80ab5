// The app runs under a Content-Security-Policy without 'unsafe-eval' (svelte.config.js): zod would
// otherwise probe `new Function('')` to decide whether to compile its parsers, which the browser reports
// as a CSP violation. Parsing without the JIT is as correct and fast enough for forms.
import { config } from 'zod';

config({ jitless: true });
