import Foundation

/// The files Pingyi ships beside its executable (the survey templates, the default scoring
/// policy, the demo county), found from whatever folder the command is run in: in the current
/// folder if there, else under `PINGYI_HOME`, else in the checkout the executable was built in
/// (its folder and the folders above it, e.g. `.build/debug/pingyi` → the checkout).
enum ProjectFiles {
    /// The path of a shipped file such as `SurveyTemplates/policy.yaml`, or `relative` unchanged
    /// when it is nowhere (the error then names it, and the option that gives another file).
    static func path(
        _ relative: String, here: String = FileManager.default.currentDirectoryPath,
        home: String?, executable: String = CommandLine.arguments.first ?? ""
    ) -> String {
        let manager = FileManager.default
        if manager.fileExists(atPath: URL(fileURLWithPath: here).appendingPathComponent(relative).path) { return relative }
        var roots: [URL] = []
        if let home, !home.isEmpty { roots.append(URL(fileURLWithPath: home)) }
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            roots.append(folder)
            folder.deleteLastPathComponent()
        }
        for root in roots {
            let candidate = root.appendingPathComponent(relative).path
            if manager.fileExists(atPath: candidate) { return candidate }
        }
        return relative
    }
}
