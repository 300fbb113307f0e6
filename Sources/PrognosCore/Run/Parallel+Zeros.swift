import Foundation

extension Parallel {
    /// `count` zeros, written by `threads` workers in contiguous chunks: a large array's
    /// first writes fault its pages in (≈ 50 MB for a 100,000-path simulation), and that
    /// kernel work is then shared by the threads instead of being the serial part of the run.
    /// The result is the same array of zeros as `Array(repeating: 0, count:)`.
    static func zeros(_ count: Int, threads: Int) -> [Double] {
        let chunk = 1 << 18   // 2 MB of doubles per item
        guard threads > 1, count > chunk else { return Array(repeating: 0, count: count) }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
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
