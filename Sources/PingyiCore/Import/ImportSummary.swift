/// What one import file did, per kind of record it touched.
public struct ImportSummary: Hashable, Sendable, Codable {
    /// The file as the user named it.
    public var file: String
    /// One count per kind of record.
    public var counts: [ImportCount]

    /// Makes a summary.
    public init(file: String, counts: [ImportCount]) {
        self.file = file
        self.counts = counts
    }

    /// The count of one kind of record.
    public func count(of entity: String) -> ImportCount? {
        counts.first { $0.entity == entity }
    }
}
