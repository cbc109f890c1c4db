/// 「核对追踪码」: a respondent of the joint count types the tracking code its thanks page showed
/// and reads whether that ballot is in the published record. Nothing is asked of who it is.
struct TrackingPage: Page {
    /// `Templates/track.mustache`.
    static let template = "track"

    let title = "核对追踪码"
    /// What was typed, shown again.
    let typed: String
    /// The answer, once a code was typed.
    let result: Result?

    struct Result: Sendable {
        let found: Bool
        let heading: String
        let message: String
        /// The record to download, when the ballot is in one.
        let recordHref: String?
    }
}
