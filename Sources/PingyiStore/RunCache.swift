import PingyiCore
import Synchronization

/// The chief results of scoring runs, decoded once per process. A run never changes once stored
/// (a trigger refuses UPDATE and DELETE on `scoring_runs` and `chief_results`), and its results
/// follow from its inputs alone, so they are kept by the run's fingerprint (the SHA-256 of every
/// input) and id: a page of the ranking or of the API's scores then costs one small query for the
/// run's row instead of decoding every chief's result again (30,000 at a province's size).
/// A few runs are kept; past that the cache starts over.
enum RunCache {
    private struct Key: Hashable {
        let run: Int
        let fingerprint: String
    }

    static let capacity = 8
    private static let runs = Mutex<[Key: [ChiefScore]]>([:])

    /// The sorted, disclosed scores of a run, loaded by `load` the first time.
    static func scores(run: Int, fingerprint: String, load: () throws -> [ChiefScore]) rethrows -> [ChiefScore] {
        let key = Key(run: run, fingerprint: fingerprint)
        if let cached = runs.withLock({ $0[key] }) { return cached }
        let scores = try load()
        runs.withLock { runs in
            if runs.count >= capacity { runs.removeAll() }
            runs[key] = scores
        }
        return scores
    }
}
