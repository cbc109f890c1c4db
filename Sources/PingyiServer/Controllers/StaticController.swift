import Foundation
import Hummingbird

/// `GET /static/pingyi.css`: the one stylesheet, loaded once from the target's resources.
struct StaticController {
    let stylesheet: ByteBuffer

    static func load() throws -> StaticController {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Static/pingyi.css"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw ViewError.missingTemplates }
        return StaticController(stylesheet: ByteBuffer(bytes: data))
    }

    func add(to router: Router<PingyiRequestContext>) {
        let stylesheet = self.stylesheet
        router.get("/static/pingyi.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet))
        }
    }
}
