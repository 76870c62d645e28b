// Starts the app from a file rather than the inline module script Trunk would inject, so that
// the Content-Security-Policy can keep `script-src 'self'` (no 'unsafe-inline', no hash).
// File names are stable because Trunk.toml sets `filehash = false`.
import init from "./relais-app.js";

init({ module_or_path: new URL("relais-app_bg.wasm", import.meta.url) });

// Offline: a service worker keeps the app's own files (sw.js says which and why). Only over
// http(s): from file:// (relais.html on a USB stick) there is nothing to register.
if ("serviceWorker" in navigator && (location.protocol === "http:" || location.protocol === "https:")) {
  navigator.serviceWorker.register(new URL("sw.js", import.meta.url)).catch(() => {
    // Private windows and locked-down browsers may refuse: the app works online all the same.
  });
}
