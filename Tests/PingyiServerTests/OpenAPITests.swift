import Foundation
import PingyiServer
import Testing
import Yams

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("every route of the router is in /openapi.yaml and every operation there is a route")
    func matchesRouter() async throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PingyiServer/Static/openapi.yaml")
        let document = try #require(try Yams.load(yaml: try String(contentsOf: url, encoding: .utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let routes = Set(try await applicationRoutes())
        #expect(routes.count >= 20)
        #expect(routes.subtracting(documented).isEmpty, "routes missing from the document: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
    }
}
