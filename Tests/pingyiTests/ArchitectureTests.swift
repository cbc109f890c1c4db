import Foundation
import PingyiConfiguration
import Testing

/// docs/ARCHITECTURE.md's claims, checked against the sources: each target imports only the
/// targets of ours its row allows, PingyiCore no I/O library, as many thin layers wrap the C
/// libraries as the guide says, and the controllers it names are the ones there are.
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
        "PingyiTally": ["CLibCrypto", "PingyiCore"],
        "PingyiStore": ["PingyiCore", "PingyiPostgres", "PingyiTally"],
        "PingyiWorkflows": ["PingyiCore", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiQR", "PingyiTally"],
        "PingyiDemo": ["PingyiCore", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiWorkflows"],
        "PingyiServer": ["PingyiCore", "PingyiConfiguration", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiWorkflows", "PingyiTally"],
        "pingyi": [
            "PingyiCore", "PingyiConfiguration", "PingyiPostgres", "PingyiStore", "PingyiXLSX", "PingyiWorkflows", "PingyiDemo", "PingyiServer",
            "PingyiTally",
        ],
    ]
    static let ours: Set<String> = Set(allowed.keys).union(cLibraries)

    static let guide = (try? String(contentsOf: checkout.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)) ?? ""
    static let package = (try? String(contentsOf: checkout.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""

    /// The targets of Package.swift of one kind (`target`, `systemLibrary`, `executableTarget`).
    static func targets(_ kind: String) -> Set<String> {
        let pattern = try! Regex("\\.\(kind)\\(\\s*name: \"([A-Za-z]+)\"")
        return Set(package.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) })
    }

    /// The C libraries: Package.swift's system-library targets.
    static let cLibraries = targets("systemLibrary")

    /// The modules a source line imports: `import X`, `@_exported import X`, `@testable import X`,
    /// `import struct X.Y`.
    static func module(imported line: Substring) -> String? {
        var words = line.split(separator: " ").drop { $0.hasPrefix("@") }
        guard words.first == "import" else { return nil }
        words = words.dropFirst()
        if let kind = words.first, ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"].contains(kind) {
            words = words.dropFirst()
        }
        return words.first.flatMap { $0.split(separator: ".").first }.map(String.init)
    }

    static func imports(of target: String) throws -> [String: Set<String>] {
        let folder = checkout.appendingPathComponent("Sources").appendingPathComponent(target)
        var found: [String: Set<String>] = [:]
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                if let module = module(imported: line) { found[file.lastPathComponent, default: []].insert(module) }
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

    @Test("the guide's table names every target of Package.swift, and this test's rules every target")
    func guideNamesTargets() throws {
        let targets = Self.targets("target").union(Self.targets("systemLibrary")).union(Self.targets("executableTarget"))
            .subtracting(["PingyiTestSupport"])
        #expect(targets.count > 10)
        for target in targets { #expect(Self.guide.contains("| `\(target)` |"), "docs/ARCHITECTURE.md lacks \(target)") }
        #expect(targets == Self.ours, "Package.swift's targets and ArchitectureTests.allowed differ")
    }

    @Test("as many thin layers import the C libraries as the guide says, each the only code that touches its library")
    func cLayers() throws {
        let numbers = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5]
        let prose = Self.guide.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let claim = try #require(prose.firstMatch(of: /nothing but the (\w+) thin layers imports the C libraries/))
        let wrappers = try FileManager.default.contentsOfDirectory(atPath: Self.checkout.appendingPathComponent("Sources").path).filter {
            target in try Self.imports(of: target).values.contains { !$0.isDisjoint(with: Self.cLibraries) }
        }
        #expect(numbers[String(claim.output.1)] == wrappers.count, "the guide says \(claim.output.1), the sources have \(wrappers.sorted())")
        #expect(wrappers.count == Self.cLibraries.count)
        for wrapper in wrappers {
            #expect(Self.guide.contains("| `\(wrapper)` | the only code that touches lib"), "the guide's row of \(wrapper)")
        }
    }

    @Test("every controller the guide names exists, and the guide's row for a new API route names every API controller")
    func controllers() throws {
        let server = Self.checkout.appendingPathComponent("Sources/PingyiServer")
        var controllers: Set<String> = []
        for case let file as URL in FileManager.default.enumerator(at: server, includingPropertiesForKeys: nil)!
        where file.lastPathComponent.hasSuffix("Controller.swift") {
            controllers.insert(file.deletingPathExtension().lastPathComponent)
        }
        let named = Set(Self.guide.matches(of: /`(\w+Controller)(\.\w+)?`/).map { String($0.output.1) })
        #expect(!named.isEmpty)
        #expect(named.subtracting(controllers).isEmpty, "the guide names \(named.subtracting(controllers).sorted()), which do not exist")
        let routeRow = try #require(Self.guide.split(separator: "\n").first { $0.hasPrefix("| a new API route |") })
        let api = try FileManager.default.contentsOfDirectory(atPath: server.appendingPathComponent("API").path)
            .filter { $0.hasSuffix("Controller.swift") }.map { String($0.dropLast(".swift".count)) }
        #expect(api.count >= 3)
        for controller in api { #expect(routeRow.contains("`\(controller)`"), "「a new API route」 does not name \(controller)") }
    }
}
