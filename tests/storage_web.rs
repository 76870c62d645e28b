//! The encrypted save in a real browser (WebCrypto in headless Chromium): a round trip, a wrong
//! passphrase that changes nothing, and « Tout effacer ».

#![cfg(target_arch = "wasm32")]

use relais_app::sheet::Sheet;
use relais_app::storage::{self, Dossier, Envelope, OpenError, STORAGE_KEY};
use relais_core::model::Profile;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stored() -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()?
}

#[wasm_bindgen_test]
async fn a_dossier_is_encrypted_opened_with_its_passphrase_only_and_wiped() {
    let dossier = Dossier {
        profile: Profile {
            establishment: Some("nantes".into()),
            skills: vec!["soudure".into()],
            ..Profile::default()
        },
        sheet: Sheet {
            ids: vec!["ex-nantes-soudure".into()],
            note: "Rendez-vous mardi".into(),
            counsellor: "Mme L., 02 40 00 00 00".into(),
            ..Sheet::default()
        },
    };
    storage::save(&dossier, "cheval correct pile agrafe")
        .await
        .expect("saved");
    assert!(storage::has_saved());
    let text = stored().expect("stored");
    for secret in ["soudure", "nantes", "Rendez-vous"] {
        assert!(!text.contains(secret), "{secret} in clear");
    }
    let env = Envelope::from_json(&text).expect("an envelope");
    assert!(env.iterations >= 600_000);
    assert!(env.parts().is_ok());

    assert_eq!(
        storage::open("cheval correct pile agrafes").await,
        Err(OpenError::WrongPassphrase)
    );
    assert_eq!(stored().as_deref(), Some(text.as_str()), "unchanged");
    assert_eq!(
        storage::open("cheval correct pile agrafe").await,
        Ok(dossier.clone())
    );

    // Two saves of the same dossier never give the same bytes (fresh salt and IV).
    storage::save(&dossier, "cheval correct pile agrafe")
        .await
        .expect("saved again");
    assert_ne!(stored().as_deref(), Some(text.as_str()));

    storage::wipe_everything().await.expect("wiped");
    assert!(!storage::has_saved());
    assert_eq!(
        storage::open("cheval correct pile agrafe").await,
        Err(OpenError::NothingSaved)
    );
}
