import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiConfiguration
import PingyiCore
import PingyiStore
import PingyiTestSupport
import Testing

@testable import PingyiServer

/// Guessing through every door that resolves a token or a typed code: each look-up is counted
/// before it is made, a guessed code and a known one answer alike, and bursts stay within the limit.
@Suite("Guessing tokens and typed codes")
struct TypedCodeGuessingTests {
    @Test(
        "POST /s with a guessed code in the cookie: the limit answers (5, then 429); a known code with a forged form answers the same as an unknown one"
    )
    func guessedCodeCookie() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let known = InvitationCode(token: server.merchantToken(MerchantBallotTests.huawei))
            let forged = ServerHarness.encode([("csrf", "AAAA"), ("a.G0101.overall", "satisfied")])
            let knownAnswer = try await server.post("/s", body: forged, cookie: "pingyi_s=code:\(known.text)", from: "10.7.7.1")
            let unknownAnswer = try await server.post("/s", body: forged, cookie: "pingyi_s=code:2222-3333-4444", from: "10.7.7.2")
            #expect(knownAnswer.status == unknownAnswer.status && knownAnswer.text == unknownAnswer.text)
            #expect(knownAnswer.status == .forbidden)
            var statuses: [HTTPResponse.Status] = []
            for guess in 0..<60 {
                let code = "2222-3333-" + String(format: "%04d", guess).map { "23456789AB".map { $0 }[Int(String($0))!] }.map(String.init).joined()
                statuses.append(try await server.post("/s", body: forged, cookie: "pingyi_s=code:\(code)", from: "10.7.7.3").status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .forbidden })
            #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
            // Nothing was stored, and the known invitation still works from another address.
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            let cookie = "pingyi_s=code:\(known.text)"
            #expect(try await server.get("/s", cookie: cookie, from: "10.7.7.4").status == .ok)
        }
    }

    @Test("a burst of 40 concurrent guessed links from one address: at most the limit (5) are looked up, the rest 429")
    func burst() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await server.get("/s/\(InvitationToken.random().text)", from: "10.8.8.8").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.count { $0 == .notFound } <= 5)
            #expect(statuses.count { $0 == .tooManyRequests } >= 35)
            // Real links from that address do not use the limit up: a known one is given back.
            let other = "pingyi_s=\(server.merchantToken(MerchantBallotTests.huawei).text)"
            for _ in 0..<8 { #expect(try await server.get("/s", cookie: other, from: "10.8.8.9").status == .ok) }
        }
    }

    @Test("a look-up answered after its window ended gives nothing back to the next window")
    func refundIntoItsOwnWindow() async throws {
        let clock = ManualClock()
        let limiter = TokenLookupLimiter(limit: 2, window: .milliseconds(200), now: clock.now)
        let slow = try #require(await limiter.reserve("10.1.1.1"))
        clock.advance(by: .milliseconds(199))
        #expect(await limiter.reserve("10.1.1.1") != nil)
        #expect(await limiter.reserve("10.1.1.1") == nil, "a third guess within the window of two")
        clock.advance(by: .milliseconds(1))
        // The next window: two guesses fill it.
        #expect(await limiter.reserve("10.1.1.1") != nil)
        #expect(await limiter.reserve("10.1.1.1") != nil)
        await limiter.refund(slow)  // the slow look-up found a real invitation, in the old window
        #expect(await limiter.reserve("10.1.1.1") == nil, "the refund opened a third guess in a window of two")
    }

    @Test("a typed-code ballot posted while the database is unreachable comes back as the retry page, not a generic error")
    func typedCodeRetry() async throws {
        var configuration = ServerConfiguration(conninfo: "host=/nonexistent/pingyi port=1 connect_timeout=2", poolSize: 2)
        configuration.formSecret = Data(repeating: 7, count: 32)
        let application = try await buildApplication(configuration, logger: ServerHarness.quietLogger)
        let code = InvitationCode(token: .random())
        let csrf = AntiForgery(secret: configuration.formSecret).token(for: BallotController.Credential.binding(code: code), grant: nil)
        try await application.test(.router) { client in
            let response = try await client.execute(
                uri: "/s", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "pingyi_s=code:\(code.text)"],
                body: ByteBuffer(string: "csrf=\(csrf)&a.G0101.overall=satisfied"))
            #expect(response.status == .serviceUnavailable)
            let html = String(buffer: response.body)
            #expect(html.contains("重新提交") && html.contains("name=\"a.G0101.overall\" value=\"satisfied\""))
        }
    }

    @Test("others' wrong codes behind the same address do not cost a merchant the form already filled in; a forged form from there is 429")
    func sharedAddress() async throws {
        try await ServerHarness.run { server in
            let office = "203.0.113.90"
            let cookie = "pingyi_s=\(server.merchantToken(MerchantBallotTests.huawei).text)"
            let form = try await server.get("/s", cookie: cookie, from: office)
            #expect(form.status == .ok)
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            // A colleague (or a guesser) behind the same NAT uses up the address's failures.
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<6 {
                statuses.append(
                    try await server.post("/s/code", body: ServerHarness.encode([("code", "2222-3333-444\(attempt)")]), cookie: nil, from: office)
                        .status)
            }
            #expect(statuses.last == .tooManyRequests)
            let forged = try await server.post(
                "/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: "forged.")), cookie: cookie, from: office)
            #expect(forged.status == .tooManyRequests)
            let submitted = try await server.post(
                "/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: cookie, from: office)
            #expect(submitted.status == .seeOther && submitted.headers[.location] == "/s/thanks")
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
        }
    }
}
