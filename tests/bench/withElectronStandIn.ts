// `node --import ./withElectronStandIn.ts dist/desktop/main.js`: runs the built desktop app in plain
// Node, with electronStandIn.ts answering every import of `electron`.
import { registerHooks } from 'node:module';

const STAND_IN = new URL('electronStandIn.ts', import.meta.url).href;

registerHooks({
  resolve: (specifier, context, next) => (specifier === 'electron' ? { url: STAND_IN, shortCircuit: true } : next(specifier, context)),
});
