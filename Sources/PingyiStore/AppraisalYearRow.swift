import PingyiCore
import PingyiPostgres

/// An appraisal year's row as a transaction read it (`AppraisalStore.lockYear`, `readYear`):
/// its title, policy, whether it is published and its official run.
struct AppraisalYearRow {
    /// The year.
    let year: Int
    let row: Row

    /// The year's title.
    var title: String {
        get throws { try row.decode("title") }
    }

    /// Whether the year is published (frozen, with an official run).
    var published: Bool {
        get throws { try row.decode("published") }
    }

    /// The official run, when published.
    var officialRunID: Int? {
        get throws { try row.decode("official_run_id") }
    }

    /// The SHA-256 of the policy text.
    var policySHA256: String? {
        get throws { try row.decode("policy_sha256") }
    }

    /// The year's policy, parsed once per text (`PolicyCache`).
    func policy() throws -> ScoringPolicy {
        try PolicyCache.policy(sha256: try row.decode("policy_sha256"), text: try row.decode("policy_yaml"), year: year)
    }

    /// Throws `AppraisalError.published` when the year is published.
    func refuseIfPublished() throws {
        if try published { throw AppraisalError.published(year) }
    }
}
