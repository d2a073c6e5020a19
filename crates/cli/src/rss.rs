//! Peak resident memory of this process, from `getrusage`.

/// The peak resident set size of this process so far, in bytes (0 where unknown).
pub fn peak_rss_bytes() -> u64 {
    // SAFETY: getrusage only writes into the zeroed struct we pass it.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return 0;
        }
        usage
    };
    // Linux reports kilobytes.
    (usage.ru_maxrss.max(0) as u64) * 1024
}
