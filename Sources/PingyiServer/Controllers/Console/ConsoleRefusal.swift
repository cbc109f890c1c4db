import Hummingbird

/// Why a console request is turned away, as the message page will say it.
struct ConsoleRefusal: Error, Sendable {
    let heading: String
    let text: String
    let status: HTTPResponse.Status
    var back: String? = nil

    /// The 404 of a path naming something that is not there.
    static func notFound(_ heading: String, _ text: String) -> ConsoleRefusal {
        ConsoleRefusal(heading: heading, text: text, status: .notFound)
    }

    /// The 400 of a request the console cannot read.
    static func badRequest(_ heading: String, _ text: String, back: String? = nil) -> ConsoleRefusal {
        ConsoleRefusal(heading: heading, text: text, status: .badRequest, back: back)
    }

}
