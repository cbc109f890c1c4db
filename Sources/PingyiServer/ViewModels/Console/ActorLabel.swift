/// Who did something, as the office reads it in a history: a console login by its name, the
/// command line as 系统维护, anything else (「部门」 in the demo's ledger) as it was recorded.
enum ActorLabel {
    static func text(_ actor: String) -> String {
        if actor.hasPrefix("staff:") { return String(actor.dropFirst("staff:".count)) + "（控制台）" }
        if actor.hasPrefix("cli:") { return "系统维护（命令行）" }
        return actor
    }
}
