/// A problem of an intake file (a 12345 hotline export, the mailbox): `ProblemFormat`.
public struct ProblemImportRow: Hashable, Sendable {
    /// The source's own number (工单号): re-importing the file adds nothing twice.
    public var externalRef: String
    public var channel: ProblemChannel
    public var environment: BusinessEnvironment
    public var description: String
    public var receivedOn: CivilDate
    public var reporter: String?
    public var phone: String?

    public init(
        externalRef: String, channel: ProblemChannel, environment: BusinessEnvironment, description: String, receivedOn: CivilDate,
        reporter: String?, phone: String?
    ) {
        self.externalRef = externalRef
        self.channel = channel
        self.environment = environment
        self.description = description
        self.receivedOn = receivedOn
        self.reporter = reporter
        self.phone = phone
    }
}
