extension CSVDocument {
    /// The document with its header found among the first rows: offices often put a title row
    /// (「2026 年度股室长名册」) or a blank line above the column names. The first of the first
    /// `within` rows that names at least two of `columns` (or the one, for a single column)
    /// becomes the header, and what is above it is left out; `nil` for the header's line when
    /// the first row already is it.
    public func locatingHeader(_ columns: [CSVColumn], within: Int = 5) -> (document: CSVDocument, headerLine: Int?) {
        let names = Set(columns.flatMap(\.names))
        let needed = min(2, names.isEmpty ? 0 : columns.count)
        func matches(_ fields: [String]) -> Int { fields.count { names.contains($0.trimmingSpaces()) } }
        if matches(header) >= needed { return (self, nil) }
        for (index, record) in records.prefix(within).enumerated() where matches(record.fields) >= needed {
            let header = record.fields.map { $0.trimmingSpaces() }
            return (CSVDocument(file: file, header: header, records: Array(records.dropFirst(index + 1))), record.line)
        }
        return (self, nil)
    }
}
