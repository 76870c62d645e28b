// The catalogue reader (src/worker.rs): the app's own wasm module, handed over by the page in
// its first message (nothing is fetched or compiled twice), started in this module worker.
// With no `window`, the app's entry point only answers jobs; this script hands it the first
// one once it is listening. A plain file rather than an inline script: the CSP's script-src
// 'self' (which worker-src falls back to) allows it.
import init from './relais-app.js';

self.addEventListener(
  'message',
  async (event) => {
    // The reference tables and seed catalogue the page fetched (start.js): the module reads
    // them from this global (src/browser.rs, DATA_GLOBAL).
    self.relaisData = event.data.data;
    try {
      await init({ module_or_path: event.data.module });
    } catch (e) {
      self.postMessage(JSON.stringify({ t: 'error', error: String(e) }));
      return;
    }
    self.dispatchEvent(new MessageEvent('message', { data: event.data }));
  },
  { once: true },
);
