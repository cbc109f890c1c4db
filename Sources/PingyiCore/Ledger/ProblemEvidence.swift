import Foundation

/// A file attached to a step (办结's 证明材料: a photo, a scan, a PDF): its kind read from its
/// content, never its name, and checked whole — a file cut short in the upload is refused.
public struct ProblemEvidence: Sendable, Hashable {
    /// What the office can open.
    public enum Kind: String, Sendable, CaseIterable, Hashable {
        case jpeg, png, pdf, ofd

        public var contentType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            case .pdf: "application/pdf"
            case .ofd: "application/ofd"
            }
        }

        public var fileExtension: String {
            switch self {
            case .jpeg: "jpg"
            case .png: "png"
            case .pdf: "pdf"
            case .ofd: "ofd"
            }
        }
    }

    public let kind: Kind
    public let data: Data

    /// A file already checked (read back from the database); new files come through `check`.
    public init(kind: Kind, data: Data) {
        self.kind = kind
        self.data = data
    }

    /// At most 10 MB a file and 5 files a step.
    public static let maxSize = 10 << 20
    public static let maxFiles = 5

    /// The files of one step, in the order given (empty parts — a file field left empty — are
    /// skipped): each must be a whole JPEG, PNG, PDF or OFD of at most `maxSize`.
    public static func check(_ files: [Data]) throws(ProblemEvidenceError) -> [ProblemEvidence] {
        let given = files.filter { !$0.isEmpty }
        guard given.count <= maxFiles else { throw .tooMany(given.count) }
        return try given.enumerated().map { (index, data) throws(ProblemEvidenceError) in
            guard data.count <= maxSize else { throw .tooLarge(index + 1) }
            guard let kind = kind(of: data) else { throw .badType(index + 1) }
            guard isWhole(data, kind) else { throw .truncated(index + 1) }
            return ProblemEvidence(kind: kind, data: data)
        }
    }

    /// The kind by the file's first bytes.
    static func kind(of data: Data) -> Kind? {
        let head = Array(data.prefix(4096))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        // OFD (GB/T 33190) is a ZIP package whose root holds OFD.xml.
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]), contains(head, Array("OFD.xml".utf8)) { return .ofd }
        return nil
    }

    /// Whether the file ends as its kind ends: JPEG's end-of-image marker, PNG's IEND chunk,
    /// PDF's %%EOF, a ZIP's end-of-central-directory record.
    static func isWhole(_ data: Data, _ kind: Kind) -> Bool {
        let tail = Array(data.suffix(kind == .ofd ? 65_557 : 1024))
        switch kind {
        case .jpeg: return Array(tail.suffix(2)) == [0xFF, 0xD9] || contains(Array(tail.suffix(16)), [0xFF, 0xD9])
        case .png: return Array(tail.suffix(8)) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        case .pdf: return contains(tail, Array("%%EOF".utf8))
        case .ofd: return contains(tail, [0x50, 0x4B, 0x05, 0x06])
        }
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in bytes[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
