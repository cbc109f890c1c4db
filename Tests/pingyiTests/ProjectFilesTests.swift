import Foundation
import PingyiConfiguration
import Testing

@testable import pingyi

@Suite("Shipped files found from anywhere")
struct ProjectFilesTests {
    @Test("from another folder: under PINGYI_HOME, else in the checkout above the executable; else the name unchanged")
    func found() throws {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let elsewhere = NSTemporaryDirectory()  // a folder without SurveyTemplates/
        #expect(
            ProjectFiles.path("SurveyTemplates/policy.yaml", here: checkout.path, home: nil, executable: "") == "SurveyTemplates/policy.yaml")
        let viaHome = ProjectFiles.path(
            "SurveyTemplates/policy.yaml", here: elsewhere, home: PingyiConfiguration(environment: ["PINGYI_HOME": checkout.path]).home,
            executable: "/nowhere/pingyi")
        #expect(viaHome == checkout.appendingPathComponent("SurveyTemplates/policy.yaml").path)
        let viaBuild = ProjectFiles.path(
            "SurveyTemplates/policy.yaml", here: elsewhere, home: nil, executable: checkout.appendingPathComponent(".build/debug/pingyi").path)
        #expect(viaBuild == checkout.appendingPathComponent("SurveyTemplates/policy.yaml").path)
        #expect(
            ProjectFiles.path("SurveyTemplates/nothing.yaml", here: elsewhere, home: nil, executable: "/nowhere/pingyi")
                == "SurveyTemplates/nothing.yaml")
    }
}
