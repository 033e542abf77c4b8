//! Work spread over the machine's cores, for the few jobs that are many independent
//! pieces (each lab of the city's gallery). Plain scoped threads: no pool is kept.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` over `items` on as many threads as the machine has cores (at most one per item),
/// results in the items' order. The first error (in the items' order) is returned, and
/// items not yet started are then skipped.
pub fn try_map<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let out: Mutex<Vec<(usize, Result<R, E>)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || failed.load(Ordering::Relaxed) {
                    break;
                }
                let r = f(&items[i]);
                if r.is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                out.lock().unwrap_or_else(|p| p.into_inner()).push((i, r));
            });
        }
    });
    let mut out = out.into_inner().unwrap_or_else(|p| p.into_inner());
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_and_the_first_error_wins() {
        let items: Vec<u32> = (0..100).collect();
        assert_eq!(
            try_map(&items, |n| Ok::<_, ()>(n * 2)).unwrap(),
            (0..100).map(|n| n * 2).collect::<Vec<_>>()
        );
        let r = try_map(&items, |n| if *n % 30 == 29 { Err(*n) } else { Ok(*n) });
        assert!(matches!(r, Err(29) | Err(59) | Err(89)), "{r:?}");
        assert_eq!(
            try_map(&[] as &[u32], |n| Ok::<_, ()>(*n)).unwrap(),
            Vec::<u32>::new()
        );
    }
}
