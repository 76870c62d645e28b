//! The catalogue reader's wasm entry: in its worker (`worker.js`), answer the page's jobs.
fn main() {
    relais_reader::serve_worker();
}
