import Foundation
import PingyiCore
import Testing

@testable import PingyiStore

/// The per-process caches of parsed texts keep at most their capacity, as `RunCache` does.
@Suite("Parsed-text caches are bounded")
struct CacheBoundsTests {
    static func shipped(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("SurveyTemplates/\(name)"), encoding: .utf8)
    }

    @Test("PolicyCache: more policies than its capacity leave at most the capacity kept; each is still parsed right")
    func policyCache() throws {
        let text = try Self.shipped("policy.yaml")
        let expected = try ScoringPolicy.parse(text, file: "policy.yaml")
        for index in 0..<(PolicyCache.capacity * 3) {
            let policy = try PolicyCache.policy(sha256: "bound-test-\(index)", text: text, year: 2026)
            #expect(policy == expected)
            #expect(PolicyCache.count <= PolicyCache.capacity)
        }
    }

    @Test("TemplateCache: more templates than its capacity leave at most the capacity kept; each is still parsed right")
    func templateCache() throws {
        let text = try Self.shipped("star-rating.yaml")
        let expected = try SurveyTemplate.parse(text, file: "star-rating.yaml")
        for index in 0..<(TemplateCache.capacity * 3) {
            let template = try TemplateCache.template(sha256: "bound-test-\(index)", text: text, file: "star-rating.yaml")
            #expect(template == expected)
            #expect(TemplateCache.count <= TemplateCache.capacity)
        }
    }
}
