/// A department on a ballot, with its chiefs (merchant review) or alone (star rating).
public struct BallotDepartment: Hashable, Sendable {
    /// The department's code.
    public var code: String
    /// Its name.
    public var name: String
    /// Its chiefs in post, by section.
    public var chiefs: [BallotChief]

    /// Makes a department entry.
    public init(code: String, name: String, chiefs: [BallotChief]) {
        self.code = code
        self.name = name
        self.chiefs = chiefs
    }
}
