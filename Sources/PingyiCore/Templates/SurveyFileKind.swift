import Yams

/// What a YAML file of `SurveyTemplates/` holds, told from its top-level keys: a policy has
/// `weights`, anything else is read as a survey template.
public enum SurveyFileKind: Sendable {
    /// A survey template.
    case template
    /// A scoring policy.
    case policy

    /// The kind of a file's text.
    public static func of(_ text: String) -> SurveyFileKind {
        guard case .mapping(let mapping)? = try? Yams.compose(yaml: text) else { return .template }
        return mapping["weights"] != nil ? .policy : .template
    }
}
