import ArgumentParser
import Foundation
import PingyiCore

/// `pingyi template check FILE...`
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "问卷模板与评分政策文件。", subcommands: [Check.self])

    /// Checks templates and policies.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "检查问卷模板或评分政策文件（YAML），逐条报告错误（文件:行: 原因）。")

        @Argument(help: "要检查的文件")
        var files: [String]

        func run() throws {
            var issues: [FileIssue] = []
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    issues.append(FileIssue(file: file, line: 1, message: "无法读取文件"))
                    continue
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    issues.append(FileIssue(file: file, line: 1, message: "不是有效的 UTF-8 编码"))
                    continue
                }
                do {
                    switch SurveyFileKind.of(text) {
                    case .policy:
                        let policy = try ScoringPolicy.parse(text, file: file)
                        print("\(file)：评分政策 version \(policy.version)，正确")
                    case .template:
                        let template = try SurveyTemplate.parse(text, file: file)
                        print("\(file)：问卷模板 \(template.id) version \(template.version)，\(template.enabledQuestions.count) 个启用的问题，正确")
                    }
                } catch {
                    issues += error.issues
                }
            }
            if !issues.isEmpty {
                throw InvalidFile(issues: issues)
            }
        }
    }
}
