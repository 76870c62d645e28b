//! One sort for the whole program (issue 16, size). Std's `sort_by`, `sort_by_key` and
//! `sort_unstable_by` are generic over the element type *and* the comparator: every call site
//! with a closure of its own gets its own copy of the sorting algorithm in the wasm, 3–5 KB
//! each (the page's wasm carried about thirty). These functions sort positions (`usize`) with a
//! comparator behind `dyn`, so the algorithm is compiled once; what each call site adds is the
//! small wrapper and an in-place permutation per element type.
//!
//! They are stable, like `sort_by`. A comparison costs an indirect call more: meant for the
//! lists a person reads (suggestions, choices, a schedule's spans), not for a ranking's hot
//! path.

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` gives them (stable: equal positions keep their
/// order).
pub fn order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|a, b| cmp(*a, *b));
    positions
}

/// Sorts `v` by `cmp`, stably.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let positions = {
        let items: &[T] = v;
        order(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => cmp(x, y),
                _ => Ordering::Equal,
            },
        )
    };
    permute(v, positions);
}

/// Sorts `v` by the key `key` gives each item, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order, stably.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Puts `v[positions[i]]` at `i` for every `i`, in place: each cycle of the permutation is
/// followed once, the positions already placed marked `usize::MAX`.
fn permute<T>(v: &mut [T], mut positions: Vec<usize>) {
    for start in 0..positions.len() {
        let mut at = start;
        while let Some(slot) = positions.get_mut(at) {
            let from = std::mem::replace(slot, usize::MAX);
            if from == usize::MAX || from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_keeps_equal_items_in_order() {
        // Pseudo-random pairs, many equal keys: the result must be std's stable sort's.
        let mut seed = 7u32;
        let mut items: Vec<(u32, u32)> = (0..500)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((seed >> 16) % 17, i)
            })
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut items, |p| p.0);
        assert_eq!(items, expected);

        let mut words = vec!["poire", "abricot", "figue", "abricot", "datte"];
        sort(&mut words);
        assert_eq!(words, ["abricot", "abricot", "datte", "figue", "poire"]);

        let mut reversed: Vec<u8> = (0..=255).collect();
        sort_by(&mut reversed, |a, b| b.cmp(a));
        assert!(reversed.windows(2).all(|w| w[0] > w[1]));

        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
