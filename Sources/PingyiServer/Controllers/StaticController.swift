import Foundation
import Hummingbird

/// `GET /static/pingyi.css` (the one stylesheet) and `GET /openapi.yaml` (the API's description),
/// loaded once from the target's resources.
struct StaticController {
    let stylesheet: ByteBuffer
    let openAPI: ByteBuffer

    static func load() throws -> StaticController {
        func resource(_ name: String) throws -> ByteBuffer {
            guard let url = Bundle.module.resourceURL?.appendingPathComponent("Static/\(name)"),
                let data = FileManager.default.contents(atPath: url.path)
            else { throw ViewError.missingTemplates }
            return ByteBuffer(bytes: data)
        }
        return StaticController(stylesheet: try resource("pingyi.css"), openAPI: try resource("openapi.yaml"))
    }

    func add(to router: Router<PingyiRequestContext>) {
        let stylesheet = self.stylesheet
        let openAPI = self.openAPI
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: openAPI))
        }
        router.get("/static/pingyi.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet))
        }
    }
}
