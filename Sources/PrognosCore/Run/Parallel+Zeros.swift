import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Parallel {
    /// `count` zeros, written by `threads` workers in contiguous chunks: a large array's
    /// first writes fault its pages in (≈ 50 MB for a 100,000-path simulation), and that
    /// kernel work is then shared by the threads instead of being the serial part of the run.
    /// Before the first write the array is marked for transparent huge pages (`HugePages`),
    /// so the kernel faults it in 2 MiB at a time instead of 4 KiB. The result is the same
    /// array of zeros as `Array(repeating: 0, count:)`.
    static func zeros(_ count: Int, threads: Int) -> [Double] {
        let chunk = 1 << 18   // 2 MB of doubles per item
        guard count > chunk else { return Array(repeating: 0, count: count) }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            guard threads > 1 else {
                buffer.initialize(repeating: 0)
                initialized = count
                return
            }
            let address = Int(bitPattern: buffer.baseAddress!)
            let items = (count + chunk - 1) / chunk
            Parallel.forEach(items, threads: threads) { (i: Int) in
                let from = i * chunk, to = Swift.min(count, from + chunk)
                let p = UnsafeMutablePointer<Double>(bitPattern: address)! + from
                p.initialize(repeating: 0, count: to - from)
            }
            initialized = count
        }
    }
}

/// Transparent huge pages for the large arrays of a simulation (issue 20, 2026-12-02). The
/// kernel of this project's machines has THP in `madvise` mode: a region is backed by 2 MiB
/// pages only when asked. A 100,000-path run's ≈ 45 MB of path values were faulted in as
/// ≈ 11,000 pages of 4 KiB (≈ 30 ms of kernel time per thread in a 2-thread run, perf); as
/// 2 MiB pages that is ≈ 22 faults. Advice only: where it is refused or THP is off, nothing
/// changes but the time.
enum HugePages {
    static let size = 1 << 21

    /// Advises huge pages for the 2 MiB-aligned part of `buffer` (before it is first written).
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard let base = buffer.baseAddress, buffer.count >= 2 * size else { return }
        let start = Int(bitPattern: base), end = start + buffer.count
        let from = (start + size - 1) & ~(size - 1), to = end & ~(size - 1)
        guard to > from, let p = UnsafeMutableRawPointer(bitPattern: from) else { return }
        _ = madvise(p, to - from, MADV_HUGEPAGE)
        #endif
    }
}
