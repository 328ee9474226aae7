//! Seeded random streams: one per block, derived from the run seed and the
//! block's stable id, so adding a block never reshuffles another one's draws.

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

/// The generator every block draws from.
pub(crate) type Stream = Pcg64Mcg;

/// SplitMix64's finalizer: spreads nearby inputs over the whole range.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a over the id's bytes: stable across platforms and releases, unlike
/// `std`'s hasher.
fn hash_id(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The stream for the block `id` in a run seeded with `seed`; `salt` tells
/// apart several streams of one block.
pub(crate) fn stream(seed: u64, id: &str, salt: u64) -> Stream {
    let a = mix(seed ^ mix(hash_id(id)));
    let b = mix(a ^ mix(salt.wrapping_add(0x9e37_79b9_7f4a_7c15)));
    let state = (u128::from(a) << 64) | u128::from(b);
    Pcg64Mcg::new(state | 1)
}

/// A generator for a test or a benchmark, seeded with `seed`.
pub fn test_stream(seed: u64) -> impl rand::Rng {
    Pcg64Mcg::seed_from_u64(seed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn streams_differ_by_seed_id_and_salt_but_repeat() {
        let draw = |seed, id, salt| stream(seed, id, salt).random::<u64>();
        assert_eq!(draw(1, "app", 0), draw(1, "app", 0));
        assert_ne!(draw(1, "app", 0), draw(2, "app", 0));
        assert_ne!(draw(1, "app", 0), draw(1, "db", 0));
        assert_ne!(draw(1, "app", 0), draw(1, "app", 1));
    }
}
