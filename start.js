// Starts the app from a file rather than the inline module script Trunk would inject, so that
// the Content-Security-Policy can keep `script-src 'self'` (no 'unsafe-inline', no hash).
// File names are stable because Trunk.toml sets `filehash = false`.

// The reference tables and the seed catalogue, fetched beside the wasm rather than compiled
// into it (src/browser.rs, DATA_FILES: keep the two lists the same). The app reads them from
// `globalThis.relaisData` when it starts; a file that could not be had is missing there, and
// the app opens all the same and says which.
const DATA_FILES = [
  "regions.csv",
  "departements.csv",
  "etablissements.csv",
  "rome_domaines.csv",
  "rome_metiers.csv",
  "vocabulaire.csv",
  "catalogue.csv",
];

// The wasm downloads (and compiles, streamed) while the data files and the module's glue do:
// every request leaves at once, before the glue is imported (a static import would hold them
// until it is in; issue 16: ~0.3 s of a 4× throttled start).
const wasm = fetch(new URL("relais-app_bg.wasm", import.meta.url));
// Compiled as it downloads, while the data files and the glue come (handed to the glue's init
// as a module, it compiled only once they were all in). A server that does not say
// application/wasm cannot stream it: compiled once downloaded.
const compiled = wasm.then((r) =>
  r.ok && r.headers.get("content-type") === "application/wasm"
    ? WebAssembly.compileStreaming(r)
    : r,
);
const glue = import("./relais-app.js");
const data = {};
await Promise.all(
  DATA_FILES.map((name) =>
    fetch(new URL(name, import.meta.url))
      .then((r) => (r.ok ? r.text() : undefined))
      .then((text) => {
        if (text !== undefined) data[name] = text;
      })
      .catch(() => {}),
  ),
);
globalThis.relaisData = data;
const { default: init } = await glue;
const started = init({ module_or_path: compiled });

// Offline: a service worker keeps the app's own files (sw.js says which and why). Only over
// http(s): from file:// (relais.html on a USB stick) there is nothing to register. Registered
// once the app has started and the page is idle: its install fetches every file of the app
// (the commune list, the reader's module), which competed with the first screen.
if ("serviceWorker" in navigator && (location.protocol === "http:" || location.protocol === "https:")) {
  const register = () =>
    navigator.serviceWorker.register(new URL("sw.js", import.meta.url)).catch(() => {
      // Private windows and locked-down browsers may refuse: the app works online all the same.
    });
  const later = () =>
    "requestIdleCallback" in globalThis ? requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1000);
  started.finally(later);
}
