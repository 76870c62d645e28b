// Starts the app from a file rather than the inline module script Trunk would inject, so that
// the Content-Security-Policy can keep `script-src 'self'` (no 'unsafe-inline', no hash).
// File names are stable because Trunk.toml sets `filehash = false`.
import init from "./relais-app.js";

init({ module_or_path: new URL("relais-app_bg.wasm", import.meta.url) });
