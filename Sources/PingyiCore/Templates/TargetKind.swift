/// What a template's questions are asked about.
public enum TargetKind: String, Sendable, Codable, CaseIterable {
    /// Each chief on the ballot (客商评议股室长).
    case chief
    /// Each department on the list (评星定级).
    case department
}
