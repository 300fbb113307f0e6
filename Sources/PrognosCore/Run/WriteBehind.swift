import Foundation
import Synchronization

/// Write-behind for a batch's per-run files (issue 20, item 4). They are written with
/// `durable: false` (atomic, no `fsync` each) and made durable by one `sync(2)` when the batch
/// ends (`OutputFile.syncFileSystems`). Left to itself the kernel keeps them in the page cache
/// until that sync (its own write-back starts after 30 s or at 10 % of memory dirty), so the
/// batch then waits for the disk to take every byte at once: ≈ 0.3 s for `sweep-1000`'s
/// 143 MB, 10 % of its time, with both cores idle. This thread calls `sync(2)` every
/// `interval` while the runs compute, so the disk writes while the cores compute and the last
/// sync finds little left. It changes when bytes reach the disk, never which bytes.
final class WriteBehind: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// Starts the thread; `stop()` ends it (within one interval).
    init(interval: TimeInterval = 0.1) {
        // The thread holds the object until it sees `stop()`.
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: interval)
                if stopped.load(ordering: .relaxed) { break }
                sync()
            }
        }
        thread.start()
    }

    func stop() { stopped.store(true, ordering: .relaxed) }
}
