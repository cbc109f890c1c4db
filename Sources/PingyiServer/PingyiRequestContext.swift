import Hummingbird
import NIOCore
import PingyiConfiguration
import PingyiCore

/// The request context of Pingyi's routes: Hummingbird's core storage plus the client's address
/// (for rate limiting) and the 64 KiB body limit of the public forms.
public struct PingyiRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// The connected peer, when known.
    public let remoteAddress: SocketAddress?
    /// The API key of an `/api` request, once the key middleware has checked it.
    public var apiKey: APIKey?
    /// The signed-in member of a console request, once `ConsoleSessionMiddleware` has read the
    /// session cookie (nil: no session); `ConsoleGate.admit` admits it to a page.
    var consoleVisit: ConsoleVisit?
    /// The channel the request came on, to find its `ClientConnection` (whether the client hung up).
    let connection: ObjectIdentifier

    /// Makes a context from the channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        connection = ObjectIdentifier(source.channel)
    }

    /// No request body may be larger (a larger one is answered 413).
    public var maxUploadSize: Int { ServerConfiguration.maxBodySize }
}
