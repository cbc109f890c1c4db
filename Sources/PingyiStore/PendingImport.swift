import Foundation
import PingyiCore

/// A list uploaded in the console, waiting between its preview and 确认导入.
public struct PendingImport: Sendable {
    public let id: UUID
    public let kind: String
    public let year: Int?
    public let fileName: String
    public let content: Data
    public let uploadedBy: String
    /// The import's summary once it was imported (a second confirmation shows it again).
    public let summary: ImportSummary?
}
