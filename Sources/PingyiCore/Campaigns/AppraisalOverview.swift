/// A year for the organization department's list: its campaigns, their states and response rates.
public struct AppraisalOverview: Hashable, Sendable, Codable {
    /// One campaign of the year.
    public struct CampaignLine: Hashable, Sendable, Codable {
        /// The campaign's id.
        public var id: Int
        /// merchantReview or starRating.
        public var kind: CampaignKind
        /// draft, open, closed or published.
        public var state: CampaignState
        /// Valid invitations.
        public var invited: Int
        /// Used invitations.
        public var responded: Int
        /// responded / invited (0 when none invited).
        public var responseRate: Double

        /// Makes a line.
        public init(id: Int, kind: CampaignKind, state: CampaignState, invited: Int, responded: Int) {
            self.id = id
            self.kind = kind
            self.state = state
            self.invited = invited
            self.responded = responded
            responseRate = invited == 0 ? 0 : Double(responded) / Double(invited)
        }
    }

    /// The year.
    public var year: Int
    /// Its title.
    public var title: String
    /// Whether its results are published.
    public var published: Bool
    /// The official scoring run, once published.
    public var officialRun: Int?
    /// Its campaigns.
    public var campaigns: [CampaignLine]

    /// Makes an overview.
    public init(year: Int, title: String, published: Bool, officialRun: Int?, campaigns: [CampaignLine]) {
        self.year = year
        self.title = title
        self.published = published
        self.officialRun = officialRun
        self.campaigns = campaigns
    }
}
