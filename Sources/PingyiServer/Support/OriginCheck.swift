import Foundation
import HTTPTypes
import Hummingbird

/// Whether a form POST comes from our own pages, by its `Origin` header: absent, the public URL's
/// origin, or the request's own host pass. `Origin: null` (what a browser sends when a page's
/// referrer policy is `no-referrer`, or from a sandboxed or privacy-hardened context) passes only
/// when the browser does not say the request is cross-site: `Sec-Fetch-Site` absent or
/// `same-origin`. Every form also carries an anti-forgery token, checked after this.
struct OriginCheck: Sendable {
    /// The origin of the public URL, worked out once.
    let publicOrigin: String

    init(publicURL: String) {
        publicOrigin = Self.origin(of: publicURL)
    }

    func allows(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        let lowered = origin.lowercased()
        if lowered == "null" {
            guard let site = request.headers[Self.secFetchSite]?.lowercased() else { return true }
            return site == "same-origin"
        }
        if lowered == publicOrigin { return true }
        if let host = request.head.authority?.lowercased(), lowered == "http://\(host)" || lowered == "https://\(host)" { return true }
        return false
    }

    private static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    /// The origin of a URL as browsers send it: scheme and host in lower case, the port only
    /// when it is not the scheme's default.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { return "" }
        let defaultPort = ["http": 80, "https": 443][scheme]
        let port = components.port.flatMap { $0 == defaultPort ? nil : ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }
}
