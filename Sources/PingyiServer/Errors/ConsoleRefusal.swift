import Hummingbird

/// Why a console request is turned away, as the message page will say it: the console's one way
/// of refusing (thrown; `ConsoleSessionMiddleware` shows it). Domain errors thrown in a console handler
/// become one too (`ConsoleRefusal.init(_:)`).
struct ConsoleRefusal: HTTPProblemConvertible, Sendable {
    let heading: String
    let text: String
    let status: HTTPResponse.Status
    var back: String? = nil

    /// The 404 of a path naming something that is not there.
    static func notFound(_ heading: String, _ text: String) -> ConsoleRefusal {
        ConsoleRefusal(heading: heading, text: text, status: .notFound)
    }

    /// A domain error (`HTTPProblem.of`) with the console's heading for its status.
    init(_ problem: HTTPProblem, heading: String? = nil, back: String? = nil) {
        self.heading = heading ?? ErrorPageMiddleware.page(for: problem.status).heading
        text = problem.message
        status = problem.status
        self.back = back
    }

    init(heading: String, text: String, status: HTTPResponse.Status, back: String? = nil) {
        self.heading = heading
        self.text = text
        self.status = status
        self.back = back
    }

    var problem: HTTPProblem { HTTPProblem(status, text) }

    /// The 400 of a request the console cannot read.
    static func badRequest(_ heading: String, _ text: String, back: String? = nil) -> ConsoleRefusal {
        ConsoleRefusal(heading: heading, text: text, status: .badRequest, back: back)
    }

}
