import Dispatch
import Synchronization

/// The parallel loops of Prognos, in one place: `count` items taken in index order by
/// min(`threads`, `count`) workers, each worker claiming the next item when it has finished
/// its last (an atomic counter), each with its own state (a GSL workspace, a path worker).
/// Which worker takes an item never changes a result: each item writes only its own output,
/// and a worker's state is scratch space. Claiming instead of dealing the items out in
/// advance keeps both cores busy to the end when one is held up (a page fault, another
/// process): with items dealt round-robin, a 100,000-path simulation on 2 threads had one
/// thread idle for the last ≈ 60 ms of ≈ 0.55 s (issue 20, perf timeline of 2026-12-02).
enum Parallel {
    /// Calls `body(&state, i)` for every i in 0..<count. A worker stops at the first item
    /// whose body throws; the others go on. Afterwards the error of the lowest such item is
    /// thrown (the same whatever the threads): items are claimed in increasing order and a
    /// claimed item is always run, so every item below the lowest failing one has run, and
    /// that one was claimed before any worker could stop on a later one.
    static func forEach<State, Failure: Error>(_ count: Int, threads: Int, state: @Sendable (_ worker: Int) -> State,
                                               _ body: @Sendable (inout State, Int) throws(Failure) -> Void) throws(Failure) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        let failure = Mutex<(item: Int, error: Failure)?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var local = state(w)
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                do throws(Failure) {
                    try body(&local, i)
                } catch {
                    failure.withLock { first in
                        if first == nil || i < first!.item { first = (i, error) }
                    }
                    return
                }
            }
        }
        if let first = failure.withLock({ $0 }) { throw first.error }
    }

    /// `forEach` without per-worker state.
    static func forEach<Failure: Error>(_ count: Int, threads: Int, _ body: @Sendable (Int) throws(Failure) -> Void) throws(Failure) {
        try forEach(count, threads: threads, state: { _ in () }) { (_: inout Void, i: Int) throws(Failure) in try body(i) }
    }

    /// `[transform(&state, i) for i in 0..<count]`, in index order whatever the threads.
    static func map<State, T>(_ count: Int, threads: Int, state: @Sendable (_ worker: Int) -> State,
                              _ transform: @Sendable (inout State, Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        Parallel.forEach(count, threads: threads, state: state) { (s: inout State, i: Int) in slots[i] = transform(&s, i) }
        return slots.values()
    }

    /// `map` without per-worker state.
    static func map<T>(_ count: Int, threads: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        map(count, threads: threads, state: { _ in () }) { (_: inout Void, i: Int) in transform(i) }
    }

    /// One value per item, written by the one worker that takes the item: the shared output
    /// of a parallel loop. `@unchecked Sendable` because workers write disjoint slots, and
    /// nothing reads a slot before the loop has ended.
    final class Slots<T>: @unchecked Sendable {
        private let p: UnsafeMutablePointer<T?>
        let count: Int

        init(count: Int) {
            self.count = count
            p = UnsafeMutablePointer<T?>.allocate(capacity: max(1, count))
            p.initialize(repeating: nil, count: count)
        }

        deinit {
            p.deinitialize(count: count)
            p.deallocate()
        }

        subscript(i: Int) -> T? {
            get { p[i] }
            set { p[i] = newValue }
        }

        /// Every slot's value, in order (each must have been written).
        func values() -> [T] { (0..<count).map { p[$0]! } }
    }
}
