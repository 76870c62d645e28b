//! Closed code sets: an enum whose codes are part of a contract (FORMATS.md, the JSON of
//! `relais match`), with its code, a tolerant reader and serde both ways as the code.

/// Declares a closed set of codes. With a kind (`Name, "kind" { … }`), the codes are a
/// vocabulary of FORMATS.md whose labels live in `data/vocabulaire.csv` under that kind.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident, $kind:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $crate::vocabulary::vocabulary!($(#[$m])* $name { $($variant => $code),+ });
        impl $name {
            /// The kind of this vocabulary in `data/vocabulaire.csv`.
            pub const KIND: &'static str = $kind;
        }
    };
    ($(#[$m:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            /// Accepts the code whatever its case, accents, `-`, `_` or spaces.
            pub fn from_code(s: &str) -> Option<$name> {
                // The code as written first: a catalogue repeats it on every row, and folding
                // it (and every code it is compared with) cost a tenth of loading a file.
                if let Some(v) = $name::ALL.iter().copied().find(|v| v.code() == s) {
                    return Some(v);
                }
                let k = $crate::text::key(s);
                // The codes are lower-case ASCII words joined by `_`: their key is the code
                // without its `_`.
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code().chars().filter(|c| *c != '_').eq(k.chars()))
            }
            pub fn codes() -> String {
                $name::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::from_code(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "valeur inconnue « {s} » : valeurs possibles {}",
                        $name::codes()
                    ))
                })
            }
        }
    };
}
pub(crate) use vocabulary;
