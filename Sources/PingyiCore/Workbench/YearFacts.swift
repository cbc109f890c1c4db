import Foundation

/// What the office's year workbench (年度工作台) is drawn from: counts the database gives, no rule.
public struct YearFacts: Hashable, Sendable {
    /// One campaign of the year.
    public struct CampaignFact: Hashable, Sendable {
        public var id: Int
        public var kind: CampaignKind
        public var state: CampaignState
        /// Valid (not revoked) invitations, and the used ones.
        public var issued: Int
        public var used: Int
        /// The planned opening and closing times.
        public var opensAt: Date?
        public var closesAt: Date?
        /// When it was counted (closed campaigns): the real end, whatever was planned.
        public var closedAt: Date?
        /// A campaign of the joint count closed and waiting for its trustees' shares: its answers
        /// are not counted yet.
        public var awaitingCount: Bool = false

        /// Makes a campaign's facts.
        public init(
            id: Int, kind: CampaignKind, state: CampaignState, issued: Int, used: Int, opensAt: Date? = nil, closesAt: Date? = nil,
            closedAt: Date? = nil
        ) {
            self.id = id
            self.kind = kind
            self.state = state
            self.issued = issued
            self.used = used
            self.opensAt = opensAt
            self.closesAt = closesAt
            self.closedAt = closedAt
        }
    }

    public var year: Int
    /// Chiefs in post on the roster.
    public var chiefs: Int
    /// Merchants with dealings in this year.
    public var merchants: Int
    /// Supervisors in office.
    public var supervisors: Int
    public var campaigns: [CampaignFact]
    /// Departments with a 目标责任考核 row for this year.
    public var assessedDepartments: Int
    /// The latest stored scoring run, and whether the year is published.
    public var latestRun: Int?
    /// Its number within the year (第 N 次计分), what the workbench shows.
    public var latestRunNumber: Int?
    public var published: Bool
    /// Chiefs ranked by the latest run (`nil` without one), and the valid votes a chief needs to
    /// be ranked (the year's policy's minBallots).
    public var latestRanked: Int?
    public var minBallots: Int
    /// Whether the personnel list was downloaded since the year was published.
    public var exported: Bool

    /// Makes the facts of a year.
    public init(
        year: Int, chiefs: Int, merchants: Int, supervisors: Int, campaigns: [CampaignFact], assessedDepartments: Int, latestRun: Int?,
        latestRunNumber: Int? = nil,
        published: Bool, latestRanked: Int? = nil, minBallots: Int = 5, exported: Bool = false
    ) {
        self.year = year
        self.chiefs = chiefs
        self.merchants = merchants
        self.supervisors = supervisors
        self.campaigns = campaigns
        self.assessedDepartments = assessedDepartments
        self.latestRun = latestRun
        self.latestRunNumber = latestRunNumber
        self.published = published
        self.latestRanked = latestRanked
        self.minBallots = minBallots
        self.exported = exported
    }
}
