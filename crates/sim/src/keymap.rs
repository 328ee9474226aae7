//! `KeyMap`: a hash map keyed by request keys (user ids), with a fixed,
//! fast hash. Only looked up, never iterated, so its order can decide
//! nothing.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::rng::mix;

/// Hashes one integer key with SplitMix64's finalizer.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) ^ u64::from(byte) ^ (self.0 >> 56);
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.0 ^= u64::from(value);
    }
}

/// A map from request keys to `V`.
pub(crate) type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;
