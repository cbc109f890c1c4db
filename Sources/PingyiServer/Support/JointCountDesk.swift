import PingyiStore

/// The trustees' contributions to closed campaigns' joint counts, held in this process's memory
/// until the quorum has given — never in the database, so that nobody reading it can combine
/// them with a share of their own. A restart forgets them: the units give their files again.
actor JointCountDesk {
    private var given: [Int: [Int: TrusteeContribution]] = [:]

    /// Adds a contribution; false when its trustee has given already.
    func add(_ contribution: TrusteeContribution) -> Bool {
        guard given[contribution.campaignID]?[contribution.trustee] == nil else { return false }
        given[contribution.campaignID, default: [:]][contribution.trustee] = contribution
        return true
    }

    func contributions(_ campaignID: Int) -> [TrusteeContribution] { Array((given[campaignID] ?? [:]).values) }

    func forget(_ campaignID: Int) { given[campaignID] = nil }
}
