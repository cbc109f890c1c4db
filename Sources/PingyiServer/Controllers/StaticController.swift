import Foundation
import Hummingbird

/// `GET /static/pingyi.css` (the one stylesheet), `GET /static/console.js` (the console's one
/// script) and `GET /openapi.yaml` (the API's description),
/// loaded once from the target's resources.
struct StaticController {
    let stylesheet: ByteBuffer
    let openAPI: ByteBuffer
    /// The console's one script (the key pair made in the browser, the key file read).
    let consoleScript: ByteBuffer

    static func load() throws -> StaticController {
        func resource(_ name: String) throws -> ByteBuffer {
            guard let url = Bundle.module.resourceURL?.appendingPathComponent("Static/\(name)"),
                let data = FileManager.default.contents(atPath: url.path)
            else { throw ViewError.missingTemplates }
            return ByteBuffer(bytes: data)
        }
        return StaticController(
            stylesheet: try resource("pingyi.css"), openAPI: try resource("openapi.yaml"), consoleScript: try resource("console.js"))
    }

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/static/console.js", use: self.serveConsoleScript)
        router.get("/openapi.yaml", use: self.serveOpenAPI)
        router.get("/static/pingyi.css", use: self.serveStylesheet)
    }

    /// `GET /static/console.js`.
    func serveConsoleScript(_ request: Request, context: PingyiRequestContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: consoleScript))
    }

    /// `GET /openapi.yaml`.
    func serveOpenAPI(_ request: Request, context: PingyiRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: openAPI))
    }

    /// `GET /static/pingyi.css`.
    func serveStylesheet(_ request: Request, context: PingyiRequestContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: stylesheet))
    }
}
