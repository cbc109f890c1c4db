import ArgumentParser
import Foundation
import PingyiStore

/// `pingyi demo`: loads the demo county through the same import path as real files.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "载入演示县的名册（demo/ 下的 CSV，经正常导入流程）。")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "演示数据目录（默认 PINGYI_DEMO_DIR 或 ./demo）")
    var dir: String?

    func run() async throws {
        let directory = dir ?? ProcessInfo.processInfo.environment["PINGYI_DEMO_DIR"] ?? "demo"
        let files: [(ImportCommand.Kind, String)] = [
            (.roster, "roster.csv"), (.merchants, "merchants.csv"), (.dealings, "dealings.csv"), (.supervisors, "supervisors.csv"),
        ]
        let summary = try await database.withPool { pool in
            let store = RosterStore(pool: pool)
            for (kind, name) in files {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
                print("载入 \(path) …")
                ImportCommand.printSummary(try await ImportCommand.importFile(kind, path: path, store: store))
            }
            return try await store.countySummary()
        }
        print("演示县已载入：")
        CountyCommand.print(summary)
    }
}
