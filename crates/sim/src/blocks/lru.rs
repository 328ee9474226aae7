//! A least-recently-used key store with expiry: the cache block's memory.
//! Entries live in a slab linked most-recent-first; a key map finds them.

use crate::keymap::KeyMap;
use crate::time::SimTime;

const NIL: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: u32,
    expires: SimTime,
    prev: u32,
    next: u32,
}

#[derive(Debug)]
pub(crate) struct Lru {
    map: KeyMap<u32>,
    entries: Vec<Entry>,
    free: Vec<u32>,
    head: u32,
    tail: u32,
    max_keys: usize,
}

impl Lru {
    pub(crate) fn new(max_keys: u32) -> Lru {
        Lru {
            map: KeyMap::default(),
            entries: Vec::new(),
            free: Vec::new(),
            head: NIL,
            tail: NIL,
            max_keys: max_keys as usize,
        }
    }

    pub(crate) fn max_keys(&self) -> u32 {
        self.max_keys as u32
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.map.len()
    }

    fn unlink(&mut self, slot: u32) {
        let Entry { prev, next, .. } = self.entries[slot as usize];
        match prev {
            NIL => self.head = next,
            prev => self.entries[prev as usize].next = next,
        }
        match next {
            NIL => self.tail = prev,
            next => self.entries[next as usize].prev = prev,
        }
    }

    fn push_front(&mut self, slot: u32) {
        let old_head = self.head;
        let entry = &mut self.entries[slot as usize];
        entry.prev = NIL;
        entry.next = old_head;
        match old_head {
            NIL => self.tail = slot,
            head => self.entries[head as usize].prev = slot,
        }
        self.head = slot;
    }

    /// Whether `key` is held and fresh at `now`; a hit becomes the most
    /// recently used, an expired key is dropped.
    pub(crate) fn get(&mut self, key: u32, now: SimTime) -> bool {
        let Some(&slot) = self.map.get(&key) else {
            return false;
        };
        if self.entries[slot as usize].expires <= now {
            self.remove(key);
            return false;
        }
        self.unlink(slot);
        self.push_front(slot);
        true
    }

    /// Stores `key` until `expires`, evicting the least recently used key
    /// when full.
    pub(crate) fn put(&mut self, key: u32, expires: SimTime) {
        if self.max_keys == 0 {
            return;
        }
        if let Some(&slot) = self.map.get(&key) {
            self.entries[slot as usize].expires = expires;
            self.unlink(slot);
            self.push_front(slot);
            return;
        }
        if self.map.len() >= self.max_keys {
            let victim = self.entries[self.tail as usize].key;
            self.remove(victim);
        }
        let entry = Entry {
            key,
            expires,
            prev: NIL,
            next: NIL,
        };
        let slot = match self.free.pop() {
            Some(slot) => {
                self.entries[slot as usize] = entry;
                slot
            }
            None => {
                self.entries.push(entry);
                (self.entries.len() - 1) as u32
            }
        };
        self.map.insert(key, slot);
        self.push_front(slot);
    }

    pub(crate) fn remove(&mut self, key: u32) {
        if let Some(slot) = self.map.remove(&key) {
            self.unlink(slot);
            self.free.push(slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_least_recently_used_and_expires_old_keys() {
        let forever = SimTime::MAX;
        let mut lru = Lru::new(2);
        lru.put(1, forever);
        lru.put(2, forever);
        assert!(lru.get(1, SimTime::ZERO));
        lru.put(3, forever); // evicts 2, the least recently used
        assert!(!lru.get(2, SimTime::ZERO));
        assert!(lru.get(1, SimTime::ZERO) && lru.get(3, SimTime::ZERO));
        assert_eq!(lru.len(), 2);

        lru.put(4, SimTime(10)); // evicts 1
        assert!(lru.get(4, SimTime(9)));
        assert!(!lru.get(4, SimTime(10)), "expired");
        assert_eq!(lru.len(), 1);
        lru.remove(3);
        assert_eq!(lru.len(), 0);
        lru.put(5, forever);
        assert!(lru.get(5, SimTime::ZERO));
    }
}
