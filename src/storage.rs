//! « Enregistrer sur cet ordinateur »: the profile and the orientation sheet, encrypted with a
//! passphrase, in this browser's `localStorage` — only when the counsellor chooses to.
//!
//! Encryption is the browser's own WebCrypto: a 256-bit AES-GCM key derived from the passphrase
//! by PBKDF2-HMAC-SHA-256 with [`PBKDF2_ITERATIONS`] iterations and a random 16-byte salt; a
//! random 12-byte IV per save. What is stored is an [`Envelope`]: a JSON object with a format
//! name and version, the parameters, and the ciphertext (with its GCM tag) in base64. Nothing
//! of the profile is readable without the passphrase; a wrong passphrase fails the GCM check
//! and changes nothing.
//!
//! [`wipe_everything`] (« Tout effacer ») empties `localStorage`, `sessionStorage`, every
//! IndexedDB database, every cookie of the origin and every Cache Storage cache except the
//! service worker's cache of the app's own files (`relais-app-…`), which holds no personal data.

use crate::sheet::Sheet;
use relais_core::model::Profile;
use serde_json::Value;

/// The `localStorage` key of the one encrypted dossier.
pub const STORAGE_KEY: &str = "relais.dossier";
pub const FORMAT: &str = "relais-dossier-chiffre";
pub const VERSION: u32 = 1;
pub const KDF: &str = "PBKDF2-SHA-256";
pub const CIPHER: &str = "AES-256-GCM";
/// OWASP's 2023 figure for PBKDF2-HMAC-SHA-256.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Caches whose name starts with this hold the app's own files (see `sw.js`).
pub const APP_CACHE_PREFIX: &str = "relais-app-";

/// What is encrypted: the profile and the sheet (the sheet of the screen, as it is).
#[derive(Clone, Debug, PartialEq)]
pub struct Dossier {
    pub profile: Profile,
    pub sheet: Sheet,
}

// JSON is written and read through `serde_json::Value` and the profile's own functions rather
// than derived (de)serialisers: the app already carries those, and each derive costs wasm.

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

impl Dossier {
    /// `{"profile": {…}, "sheet": {"ids": […], "note": "…", "name": "…", …}}`.
    pub fn to_json(&self) -> Result<String, String> {
        Ok(format!(
            "{{\"profile\":{},\"sheet\":{}}}",
            self.profile.to_json()?,
            self.sheet.to_value()
        ))
    }

    pub fn from_json(json: &str) -> Result<Dossier, String> {
        let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let profile = v.get("profile").ok_or("pas de profil")?;
        let profile = Profile::from_json(&profile.to_string())?;
        let sheet = v.get("sheet").cloned().unwrap_or(Value::Null);
        Ok(Dossier {
            profile,
            sheet: Sheet::from_value(&sheet),
        })
    }
}

/// The salt, the IV and the ciphertext (with its GCM tag) of an envelope.
pub type Sealed = (Vec<u8>, Vec<u8>, Vec<u8>);

/// What is stored, as JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    pub kdf: String,
    pub iterations: u32,
    pub cipher: String,
    pub salt: String,
    pub iv: String,
    pub data: String,
}

impl Envelope {
    pub fn to_json(&self) -> String {
        let mut o = serde_json::Map::new();
        for (k, v) in [
            ("format", &self.format),
            ("kdf", &self.kdf),
            ("cipher", &self.cipher),
            ("salt", &self.salt),
            ("iv", &self.iv),
            ("data", &self.data),
        ] {
            o.insert(k.into(), Value::String(v.clone()));
        }
        o.insert("version".into(), Value::from(self.version));
        o.insert("iterations".into(), Value::from(self.iterations));
        Value::Object(o).to_string()
    }

    pub fn from_json(json: &str) -> Result<Envelope, String> {
        let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let number = |k: &str| {
            v.get(k)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0)
        };
        Ok(Envelope {
            format: text(&v, "format"),
            version: number("version"),
            kdf: text(&v, "kdf"),
            iterations: number("iterations"),
            cipher: text(&v, "cipher"),
            salt: text(&v, "salt"),
            iv: text(&v, "iv"),
            data: text(&v, "data"),
        })
    }

    /// The salt, IV and ciphertext, once the envelope is known to be one this code can open.
    pub fn parts(&self) -> Result<Sealed, String> {
        if self.format != FORMAT || self.version != VERSION {
            return Err(format!(
                "format « {} » version {} inconnu",
                self.format, self.version
            ));
        }
        if self.kdf != KDF || self.cipher != CIPHER {
            return Err(format!(
                "chiffrement {} / {} inconnu",
                self.kdf, self.cipher
            ));
        }
        if !(PBKDF2_ITERATIONS..=10_000_000).contains(&self.iterations) {
            return Err(format!(
                "nombre d'itérations inattendu ({})",
                self.iterations
            ));
        }
        let salt = base64_decode(&self.salt).ok_or("sel illisible")?;
        let iv = base64_decode(&self.iv).ok_or("vecteur d'initialisation illisible")?;
        let data = base64_decode(&self.data).ok_or("données illisibles")?;
        if salt.len() != SALT_LEN || iv.len() != IV_LEN || data.len() < 16 {
            return Err("taille inattendue".into());
        }
        Ok((salt, iv, data))
    }
}

/// Why a saved dossier could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    NothingSaved,
    /// The GCM check failed: the passphrase is wrong (or the data was altered).
    WrongPassphrase,
    /// Stored, but not in a form this version reads.
    Damaged(String),
    Browser(String),
}

/// Which form of the « Sur cet ordinateur » bar is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DevicePanel {
    Save,
    Open,
    Wipe,
}

/// What the bar says after an action (rendered in the UI language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceMessage {
    Saved,
    Opened,
    Wiped,
    PassphraseTooShort,
    PassphraseMismatch,
    NothingSaved,
    WrongPassphrase,
    Damaged(String),
    Failed(String),
}

impl DeviceMessage {
    pub fn is_error(&self) -> bool {
        !matches!(
            self,
            DeviceMessage::Saved | DeviceMessage::Opened | DeviceMessage::Wiped
        )
    }
}

/// The state of the « Sur cet ordinateur » bar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Device {
    pub panel: Option<DevicePanel>,
    /// Deriving the key takes a moment: the buttons wait.
    pub busy: bool,
    /// An encrypted dossier is stored in this browser.
    pub saved: bool,
    pub message: Option<DeviceMessage>,
}

/// What happened in the bar (the component runs the WebCrypto work and reports here).
pub enum DeviceEvent {
    /// Whether a dossier was found in this browser at start.
    Detected(bool),
    Show(Option<DevicePanel>),
    Busy,
    Invalid(DeviceMessage),
    Saved(Result<(), String>),
    Opened(Result<Box<Dossier>, OpenError>),
    Wiped(Result<(), String>),
}

impl Device {
    /// Apply an event, except `Opened(Ok)` and `Wiped`, which the state applies to the profile
    /// too.
    pub fn apply(&mut self, e: &DeviceEvent) {
        match e {
            DeviceEvent::Detected(saved) => self.saved = *saved,
            DeviceEvent::Show(p) => {
                self.panel = *p;
                self.message = None;
            }
            DeviceEvent::Busy => {
                self.busy = true;
                self.message = None;
            }
            DeviceEvent::Invalid(m) => self.message = Some(m.clone()),
            DeviceEvent::Saved(r) => {
                self.busy = false;
                match r {
                    Ok(()) => {
                        self.saved = true;
                        self.panel = None;
                        self.message = Some(DeviceMessage::Saved);
                    }
                    Err(e) => self.message = Some(DeviceMessage::Failed(e.clone())),
                }
            }
            DeviceEvent::Opened(r) => {
                self.busy = false;
                self.message = Some(match r {
                    Ok(_) => {
                        self.panel = None;
                        DeviceMessage::Opened
                    }
                    Err(OpenError::NothingSaved) => {
                        self.saved = false;
                        DeviceMessage::NothingSaved
                    }
                    Err(OpenError::WrongPassphrase) => DeviceMessage::WrongPassphrase,
                    Err(OpenError::Damaged(e)) => DeviceMessage::Damaged(e.clone()),
                    Err(OpenError::Browser(e)) => DeviceMessage::Failed(e.clone()),
                });
            }
            DeviceEvent::Wiped(r) => {
                self.busy = false;
                self.panel = None;
                self.saved = false;
                self.message = Some(match r {
                    Ok(()) => DeviceMessage::Wiped,
                    Err(e) => DeviceMessage::Failed(e.clone()),
                });
            }
        }
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = B64.iter().position(|&x| x == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

pub use web::{has_saved, open, save, wipe_everything};

mod web {
    use super::*;
    use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{CryptoKey, SubtleCrypto};

    fn js_err(v: JsValue) -> String {
        Reflect::get(&v, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| v.as_string())
            .unwrap_or_else(|| "erreur du navigateur".into())
    }

    fn window() -> Result<web_sys::Window, String> {
        web_sys::window().ok_or_else(|| "pas de fenêtre".to_string())
    }

    fn local_storage() -> Result<web_sys::Storage, String> {
        window()?
            .local_storage()
            .map_err(js_err)?
            .ok_or_else(|| "stockage local indisponible dans ce navigateur".to_string())
    }

    fn crypto() -> Result<(web_sys::Crypto, SubtleCrypto), String> {
        let c = window()?.crypto().map_err(js_err)?;
        let s = c.subtle();
        Ok((c, s))
    }

    fn object(pairs: &[(&str, &JsValue)]) -> Result<Object, String> {
        let o = Object::new();
        for (k, v) in pairs {
            Reflect::set(&o, &(*k).into(), v).map_err(js_err)?;
        }
        Ok(o)
    }

    fn random(n: usize) -> Result<Vec<u8>, String> {
        let (c, _) = crypto()?;
        let mut v = vec![0u8; n];
        c.get_random_values_with_u8_array(&mut v).map_err(js_err)?;
        Ok(v)
    }

    async fn wait(p: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
        JsFuture::from(p?).await
    }

    async fn derive_key(
        passphrase: &str,
        salt: &[u8],
        iterations: u32,
    ) -> Result<CryptoKey, String> {
        let (_, subtle) = crypto()?;
        // The same passphrase typed on another keyboard may compose its accents differently.
        let normalized: String = js_sys::JsString::from(passphrase).normalize("NFC").into();
        let raw = Uint8Array::from(normalized.as_bytes());
        let base = wait(subtle.import_key_with_str(
            "raw",
            &raw,
            "PBKDF2",
            false,
            &Array::of1(&"deriveKey".into()),
        ))
        .await
        .map_err(js_err)?;
        let params = object(&[
            ("name", &"PBKDF2".into()),
            ("hash", &"SHA-256".into()),
            ("salt", &Uint8Array::from(salt).into()),
            ("iterations", &iterations.into()),
        ])?;
        let aes = object(&[("name", &"AES-GCM".into()), ("length", &256.into())])?;
        let key = wait(subtle.derive_key_with_object_and_object(
            &params,
            &base.unchecked_into(),
            &aes,
            false,
            &Array::of2(&"encrypt".into(), &"decrypt".into()),
        ))
        .await
        .map_err(js_err)?;
        Ok(key.unchecked_into())
    }

    fn gcm(iv: &[u8]) -> Result<Object, String> {
        object(&[
            ("name", &"AES-GCM".into()),
            ("iv", &Uint8Array::from(iv).into()),
        ])
    }

    /// Encrypt `dossier` with `passphrase` and store it, replacing any earlier dossier.
    pub async fn save(dossier: &Dossier, passphrase: &str) -> Result<(), String> {
        let salt = random(SALT_LEN)?;
        let iv = random(IV_LEN)?;
        let key = derive_key(passphrase, &salt, PBKDF2_ITERATIONS).await?;
        let (_, subtle) = crypto()?;
        let plain = dossier.to_json()?;
        let sealed =
            wait(subtle.encrypt_with_object_and_u8_array(&gcm(&iv)?, &key, plain.as_bytes()))
                .await
                .map_err(js_err)?;
        let sealed = Uint8Array::new(&sealed).to_vec();
        let envelope = Envelope {
            format: FORMAT.into(),
            version: VERSION,
            kdf: KDF.into(),
            iterations: PBKDF2_ITERATIONS,
            cipher: CIPHER.into(),
            salt: base64_encode(&salt),
            iv: base64_encode(&iv),
            data: base64_encode(&sealed),
        };
        let text = envelope.to_json();
        local_storage()?
            .set_item(STORAGE_KEY, &text)
            .map_err(js_err)
    }

    /// Decrypt the stored dossier. Nothing is changed, whatever the outcome.
    pub async fn open(passphrase: &str) -> Result<Dossier, OpenError> {
        let text = local_storage()
            .map_err(OpenError::Browser)?
            .get_item(STORAGE_KEY)
            .map_err(|e| OpenError::Browser(js_err(e)))?
            .ok_or(OpenError::NothingSaved)?;
        let envelope = Envelope::from_json(&text).map_err(OpenError::Damaged)?;
        let (salt, iv, data) = envelope.parts().map_err(OpenError::Damaged)?;
        let key = derive_key(passphrase, &salt, envelope.iterations)
            .await
            .map_err(OpenError::Browser)?;
        let (_, subtle) = crypto().map_err(OpenError::Browser)?;
        let algo = gcm(&iv).map_err(OpenError::Browser)?;
        let plain = wait(subtle.decrypt_with_object_and_u8_array(&algo, &key, &data))
            .await
            .map_err(|e| {
                let name = Reflect::get(&e, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string());
                if name.as_deref() == Some("OperationError") {
                    OpenError::WrongPassphrase
                } else {
                    OpenError::Browser(js_err(e))
                }
            })?;
        let plain = String::from_utf8(Uint8Array::new(&plain).to_vec())
            .map_err(|e| OpenError::Damaged(e.to_string()))?;
        Dossier::from_json(&plain).map_err(OpenError::Damaged)
    }

    /// Whether an encrypted dossier is stored in this browser.
    pub fn has_saved() -> bool {
        local_storage()
            .ok()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .is_some()
    }

    fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let f: Function = Reflect::get(target, &method.into())
            .map_err(js_err)?
            .dyn_into()
            .map_err(|_| format!("{method} indisponible"))?;
        let a = Array::new();
        for x in args {
            a.push(x);
        }
        f.apply(target, &a).map_err(js_err)
    }

    /// « Tout effacer »: every place where this origin can keep data, but the app-file cache.
    pub async fn wipe_everything() -> Result<(), String> {
        let w = window()?;
        let mut problems = Vec::new();
        match local_storage() {
            Ok(s) => {
                if let Err(e) = s.clear() {
                    problems.push(js_err(e));
                }
            }
            Err(e) => problems.push(e),
        }
        if let Ok(Some(s)) = w.session_storage() {
            if let Err(e) = s.clear() {
                problems.push(js_err(e));
            }
        }
        // Cookies: Relais sets none; any found for this origin is expired all the same.
        if let Some(doc) = w.document() {
            let doc: JsValue = doc.into();
            let cookies = Reflect::get(&doc, &"cookie".into())
                .ok()
                .and_then(|c| c.as_string())
                .unwrap_or_default();
            for c in cookies.split(';') {
                let name = c.split('=').next().unwrap_or_default().trim();
                if !name.is_empty() {
                    let _ = Reflect::set(
                        &doc,
                        &"cookie".into(),
                        &format!("{name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/").into(),
                    );
                }
            }
        }
        let w: JsValue = w.into();
        // IndexedDB: every database of the origin. Unavailable (file://, old browsers): nothing
        // can have been stored there either.
        if let Ok(idb) = Reflect::get(&w, &"indexedDB".into()) {
            if !idb.is_undefined() && !idb.is_null() {
                if let Ok(p) = call(&idb, "databases", &[]) {
                    if let Ok(list) = JsFuture::from(Promise::from(p)).await {
                        for db in Array::from(&list).iter() {
                            if let Some(name) = Reflect::get(&db, &"name".into())
                                .ok()
                                .and_then(|n| n.as_string())
                            {
                                if let Err(e) = call(&idb, "deleteDatabase", &[name.into()]) {
                                    problems.push(e);
                                }
                            }
                        }
                    }
                }
            }
        }
        // Cache Storage: everything but the service worker's app files.
        if let Ok(caches) = Reflect::get(&w, &"caches".into()) {
            if !caches.is_undefined() && !caches.is_null() {
                if let Ok(p) = call(&caches, "keys", &[]) {
                    if let Ok(keys) = JsFuture::from(Promise::from(p)).await {
                        for k in Array::from(&keys).iter() {
                            let name = k.as_string().unwrap_or_default();
                            if !name.starts_with(APP_CACHE_PREFIX) {
                                match call(&caches, "delete", &[k]) {
                                    Ok(p) => {
                                        let _ = JsFuture::from(Promise::from(p)).await;
                                    }
                                    Err(e) => problems.push(e),
                                }
                            }
                        }
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join(" ; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // The app only builds for wasm32: run these through wasm-bindgen-test in the browser step.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn base64_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n)
                .map(|i| i.wrapping_mul(37).wrapping_add(200))
                .collect();
            let enc = base64_encode(&bytes);
            assert_eq!(enc.len() % 4, 0);
            assert_eq!(base64_decode(&enc).as_deref(), Some(&bytes[..]));
        }
        assert_eq!(base64_encode(b"Relais"), "UmVsYWlz");
        assert_eq!(base64_encode(b"ab"), "YWI=");
        assert_eq!(base64_decode("not base64!"), None);
    }

    #[test]
    fn a_dossier_round_trips() {
        let d = Dossier {
            profile: Profile {
                skills: vec!["soudure".into()],
                establishment: Some("nantes".into()),
                ..Profile::default()
            },
            sheet: Sheet {
                ids: vec!["ex-nantes-soudure".into()],
                note: "RDV mardi".into(),
                service: "SPIP de Loire-Atlantique".into(),
                court: true,
                ..Sheet::default()
            },
        };
        assert_eq!(Dossier::from_json(&d.to_json().expect("json")), Ok(d));
        assert!(Dossier::from_json("{}").is_err());
    }

    #[test]
    fn only_known_envelopes_are_opened() {
        let good = Envelope {
            format: FORMAT.into(),
            version: VERSION,
            kdf: KDF.into(),
            iterations: PBKDF2_ITERATIONS,
            cipher: CIPHER.into(),
            salt: base64_encode(&[1; SALT_LEN]),
            iv: base64_encode(&[2; IV_LEN]),
            data: base64_encode(&[3; 40]),
        };
        assert!(good.parts().is_ok());
        assert_eq!(Envelope::from_json(&good.to_json()), Ok(good.clone()));
        let weak = Envelope {
            iterations: 1_000,
            ..good.clone()
        };
        assert!(weak.parts().is_err(), "fewer iterations are refused");
        let other = Envelope {
            version: 2,
            ..good.clone()
        };
        assert!(other.parts().is_err());
        let short_iv = Envelope {
            iv: base64_encode(&[2; 8]),
            ..good
        };
        assert!(short_iv.parts().is_err());
    }
}
