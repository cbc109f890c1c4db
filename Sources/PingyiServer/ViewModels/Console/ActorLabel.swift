/// Who did something, as the office reads it in a history: a console account by its person's
/// name (its login when `names` does not know it), the command line as 系统维护, anything else
/// (「部门」 in the demo's ledger) as it was recorded.
enum ActorLabel {
    static func text(_ actor: String, names: [String: String] = [:]) -> String {
        if actor.hasPrefix("staff:") {
            let login = String(actor.dropFirst("staff:".count))
            return names[login] ?? (login + "（控制台）")
        }
        if actor.hasPrefix("cli:") { return "系统维护（命令行）" }
        return actor
    }
}
