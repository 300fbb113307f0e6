import Foundation

extension SimulationPart {
    /// Shard `k` of `n` of a scenario's simulation (`prognos simulate --shard K/N`): its
    /// blocks (rule S9's streams, so the merged parts give the single run's bytes), simulated
    /// on `threads` threads straight into the part file's bytes, under the header that
    /// identifies the scenario for `prognos merge`.
    public static func shard(_ scenario: Scenario, _ k: Int, of n: Int, threads: Int) throws(InputFailure) -> (data: Data, header: Header) {
        guard let settings = scenario.simulation, let treasury = scenario.treasury else {
            throw InputFailure(.badInput, "\(scenario.file) has no simulation section (and treasury) to simulate")
        }
        let job = try SimulationJob(treasury, settings: settings)
        let blocks = blocks(shard: k, of: n, total: job.blockCount)
        // The result's deterministic figures and model travel in the header (spec/result.md R6).
        let result = try scenario.result == nil ? nil : ScenarioRun.compute(scenario, simulation: .skip).result
        let header = Header(format: formatVersion, scenarioHash: scenario.fingerprint,
                            blockCount: job.blockCount, blockFrom: blocks.lowerBound, blockTo: blocks.upperBound,
                            meta: job.meta, name: scenario.name, asOf: scenario.asOf?.description,
                            unit: scenario.unit.rawValue, warnings: scenario.warnings.map(\.description),
                            result: result.map { ResultSimulation.meta($0, simulationYears: job.meta.years, rateNormals: job.plan.steps) })
        // Only this shard's paths are held.
        return (try simulate(job, header: header, threads: threads), header)
    }
}
