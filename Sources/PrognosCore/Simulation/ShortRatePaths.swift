import Dispatch

/// Short-rate paths alone (the `paths` benchmark workload, batch.md): `paths` Hull–White or
/// Vasicek paths on a monthly grid, in the engine's blocks and streams (rule S9), reduced
/// to the mean of r at the horizon so the work cannot be optimised away.
public enum ShortRatePaths {
    public static func meanTerminalRate(model: ShortRateModel, months: Int, paths: Int, seed: UInt64,
                                        rng: String = "mt19937", threads: Int) throws(NumericsError) -> Double {
        let v = model.curve.valuationDate
        let times = (0...months).map { v.addingMonths($0).years(since: v) }
        let steps = (0..<months).map { model.step(times[$0 + 1] - times[$0]) }
        let alpha = times.map(model.alpha)
        _ = try RandomGenerator(name: rng, seed: seed)   // an unknown name fails here, not in a worker
        let blocks = Streams.blockCount(paths)
        let workers = max(1, min(threads, blocks))
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: blocks)
        defer { sums.deallocate() }
        let out = SendablePointer(p: sums)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var z = [Double](repeating: 0, count: months)
            var b = w
            while b < blocks {
                guard var generator = try? RandomGenerator(name: rng, seed: Streams.blockSeed(seed, b)) else { return }
                var sum = 0.0
                let count = min(paths, (b + 1) * Streams.blockSize) - b * Streams.blockSize
                for _ in 0..<count {
                    z.withUnsafeMutableBufferPointer { generator.fillNormals($0) }
                    var x = 0.0, r = 0.0
                    for k in 0..<months {
                        x = x * steps[k].decay + steps[k].sd * z[k]
                        r = x + alpha[k + 1]
                    }
                    sum += r
                }
                out.p[b] = sum
                b += workers
            }
        }
        var total = 0.0
        for b in 0..<blocks { total += sums[b] }
        return total / Double(paths)
    }
}

struct SendablePointer: @unchecked Sendable {
    let p: UnsafeMutablePointer<Double>
}
