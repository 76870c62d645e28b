// The catalogue reader's worker (src/worker.rs starts it, one per job): the reader's own wasm
// module (crates/reader, every import format), fetched when an import starts — never at
// start — compiled once by the page and handed to each worker, and kept by the service worker
// for offline workshops. Its `main` listens for jobs;
// this script hands it the first one once it is listening. A plain file rather than an inline
// script: the CSP's script-src 'self' (which worker-src falls back to) allows it.
import init from './relais-reader.js';

// A workbook (XLSX, ODS; an XLS to refuse): its first sheet as CSV, read by the workbooks
// module (crates/workbook's own wasm: calamine, zip), fetched the first time a file that
// starts like a zip or an OLE file comes — never for a CSV, JSON or XML file. The reader calls
// it (crates/reader/src/serve.rs); a refusal is the module's sentence, thrown as a string.
let workbooks;
self.relaisWorkbook = async (bytes) => {
  workbooks ??= import('./relais-workbooks.js').then(async (module) => {
    await module.default();
    return module;
  });
  return (await workbooks).open_workbook(bytes);
};

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
