/// What an import did to one kind of record.
public struct ImportCount: Hashable, Sendable, Codable {
    /// The kind of record, in Chinese (e.g. 股室长).
    public var entity: String
    /// New records.
    public var inserted: Int
    /// Records whose values changed.
    public var updated: Int
    /// Records already as the file says.
    public var unchanged: Int

    /// Makes a count.
    public init(entity: String, inserted: Int, updated: Int, unchanged: Int) {
        self.entity = entity
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    /// `股室长：新增 3，更新 1，未变 56`
    public var line: String {
        "\(entity)：新增 \(inserted)，更新 \(updated)，未变 \(unchanged)"
    }
}
