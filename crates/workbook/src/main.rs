//! The workbooks module (`relais-workbooks.js` + `relais-workbooks_bg.wasm`, built by Trunk from
//! this binary): the browser's reading of XLSX and ODS workbooks, a wasm module of its own so
//! that calamine, zip and their inflater weigh on workbooks only. The catalogue reader
//! (`crates/reader`) asks it for a file that starts like a zip or an OLE file, through
//! `globalThis.relaisWorkbook`, which `worker.js` defines (and, in `relais.html`, the page's
//! inline script): a CSV, JSON or XML import never loads it.
//!
//! It reads as the command line does ([`relais_workbook::first_sheet_modern`]: the first
//! sheet, within `relais_core::limits`; XLS and XLSB refused with what to do). Natively this
//! binary does nothing: the reader's tests read workbooks through the same function.

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    fn set(o: &js_sys::Object, key: &str, value: &JsValue) {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(key), value);
    }

    /// The first sheet of a workbook: `{csv: Uint8Array, how: string, left_out: [[line,
    /// sentence]…]}` (the CSV the core reads, « classeur XLSX, première feuille « Offres » »,
    /// the cells left out past the limits). A workbook refused (a limit passed, an old binary
    /// format, a broken file) throws its French sentence, a string.
    #[wasm_bindgen]
    pub fn open_workbook(bytes: &[u8]) -> Result<js_sys::Object, JsValue> {
        let sheet =
            relais_workbook::first_sheet_modern(bytes).map_err(|e| JsValue::from_str(&e))?;
        let out = js_sys::Object::new();
        set(&out, "how", &JsValue::from_str(&sheet.how()));
        let left_out = js_sys::Array::new();
        for (line, sentence) in &sheet.left_out {
            left_out.push(&js_sys::Array::of2(
                &JsValue::from_f64(*line as f64),
                &JsValue::from_str(sentence),
            ));
        }
        set(&out, "left_out", &left_out);
        set(
            &out,
            "csv",
            &js_sys::Uint8Array::from(sheet.csv.as_bytes()).into(),
        );
        Ok(out)
    }
}

fn main() {}
