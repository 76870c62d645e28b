// The catalogue reader's worker (src/worker.rs starts it, one per job): the reader's own wasm
// module (crates/reader, every import format), fetched when an import starts — never at
// start — compiled once by the page and handed to each worker, and kept by the service worker
// for offline workshops. Its `main` listens for jobs;
// this script hands it the first one once it is listening. A plain file rather than an inline
// script: the CSP's script-src 'self' (which worker-src falls back to) allows it.
import init from './relais-reader.js';

// A failure the module could not report itself: the page says it for the file.
const fail = (error) => self.postMessage(JSON.stringify({ t: 'error', error: String(error) }));
self.addEventListener('unhandledrejection', (e) => fail(e.reason));

self.addEventListener(
  'message',
  async (event) => {
    try {
      // The module the page compiled once (src/worker.rs), or fetched here.
      await init(event.data.module ? { module_or_path: event.data.module } : undefined);
    } catch (e) {
      fail(e);
      return;
    }
    self.dispatchEvent(new MessageEvent('message', { data: event.data }));
  },
  { once: true },
);
