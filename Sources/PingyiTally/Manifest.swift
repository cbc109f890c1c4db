/// What a campaign's ballots can hold: its contests in a fixed order (RECORD.md's manifest).
public struct Manifest: Codable, Sendable, Equatable {
    public let campaign: String
    public let contests: [ManifestContest]

    public init(campaign: String, contests: [ManifestContest]) throws {
        var seen: Set<String> = []
        for contest in contests {
            guard seen.insert(contest.id).inserted else { throw TallyError.duplicateContest(contest.id) }
            guard contest.options.count >= 2 else { throw TallyError.tooFewOptions(contest.id) }
        }
        self.campaign = campaign
        self.contests = contests
    }

    /// `H("manifest"; campaign, u32(contests), for each: id, target, question, u32(options), options…)`.
    public var hash: [UInt8] {
        var hash = TallyHash("manifest")
        hash.add(campaign)
        hash.add(count: contests.count)
        for contest in contests {
            hash.add(contest.id)
            hash.add(contest.target)
            hash.add(contest.question)
            hash.add(count: contest.options.count)
            for option in contest.options { hash.add(option) }
        }
        return hash.digest()
    }

    /// Each contest's position, by id.
    public var positions: [String: Int] {
        Dictionary(uniqueKeysWithValues: contests.enumerated().map { ($1.id, $0) })
    }
}
