import Foundation
import Testing

/// docs/ARCHITECTURE.md's import rules, checked against the sources: each target imports only
/// the targets of ours its row allows, and PingyiCore no I/O library.
@Suite("Architecture")
struct ArchitectureTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Target → the targets of ours it may import (the guide's table).
    static let allowed: [String: Set<String>] = [
        "PingyiCore": [],
        "PingyiConfiguration": ["PingyiCore"],
        "PingyiPostgres": ["CLibPQ"],
        "PingyiXLSX": ["CXLSXWriter", "PingyiCore"],
        "PingyiQR": ["CQREncode"],
        "PingyiStore": ["PingyiCore", "PingyiPostgres"],
        "PingyiWorkflows": ["PingyiCore", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiQR"],
        "PingyiDemo": ["PingyiCore", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiWorkflows"],
        "PingyiServer": ["PingyiCore", "PingyiConfiguration", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiWorkflows"],
        "pingyi": [
            "PingyiCore", "PingyiConfiguration", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiWorkflows", "PingyiDemo", "PingyiServer",
        ],
    ]
    static let ours: Set<String> = Set(allowed.keys).union(["CLibPQ", "CXLSXWriter", "CQREncode"])

    static func imports(of target: String) throws -> [String: Set<String>] {
        let folder = checkout.appendingPathComponent("Sources").appendingPathComponent(target)
        var found: [String: Set<String>] = [:]
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasPrefix("import ") {
                let module = line.dropFirst("import ".count).split(separator: " ").first.map(String.init) ?? ""
                found[file.lastPathComponent, default: []].insert(module)
            }
        }
        return found
    }

    @Test("every target imports only what the architecture guide allows", arguments: allowed.keys.sorted())
    func importRules(target: String) throws {
        let files = try Self.imports(of: target)
        #expect(!files.isEmpty, "no sources for \(target)")
        for (file, modules) in files {
            let forbidden = modules.intersection(Self.ours).subtracting(Self.allowed[target]!)
            #expect(forbidden.isEmpty, "\(target)/\(file) imports \(forbidden.sorted())")
        }
    }

    @Test("the pure domain imports no I/O: no database, network, server or logging library")
    func coreIsPure() throws {
        let io: Set = ["NIOCore", "NIOPosix", "Hummingbird", "Logging", "PingyiPostgres", "CLibPQ", "Dispatch"]
        for (file, modules) in try Self.imports(of: "PingyiCore") {
            #expect(modules.isDisjoint(with: io), "PingyiCore/\(file) imports \(modules.intersection(io).sorted())")
        }
    }

    @Test("the guide names every target of Package.swift")
    func guideNamesTargets() throws {
        let guide = try String(contentsOf: Self.checkout.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        for target in Self.ours { #expect(guide.contains("| `\(target)` |"), "docs/ARCHITECTURE.md lacks \(target)") }
        let package = try String(contentsOf: Self.checkout.appendingPathComponent("Package.swift"), encoding: .utf8)
        for target in Self.ours { #expect(package.contains("name: \"\(target)\""), "Package.swift lacks \(target)") }
    }
}
