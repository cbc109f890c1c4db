import Crypto
import Foundation
import Hummingbird
import MultipartKit
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// The door of every console page: the member of the session (`ConsoleSessionMiddleware` reads
/// the HttpOnly cookie into the context) admitted by role, and for forms the size-bounded body
/// and its anti-forgery token (bound to the session).
struct ConsoleGate: Sendable {
    let staff: StaffStore
    let views: Views
    let antiForgery: AntiForgery
    let configuration: ServerConfiguration
    /// The session cookie's name (`__Host-pingyi_console` under HTTPS).
    let sessionCookie: String
    /// The trusted proxies of `X-Forwarded-For`, parsed once.
    let trustedProxies: [IPRange]
    /// The Origin rule of the console's forms, made once.
    let originCheck: OriginCheck

    init(staff: StaffStore, views: Views, antiForgery: AntiForgery, configuration: ServerConfiguration) {
        self.staff = staff
        self.views = views
        self.antiForgery = antiForgery
        self.configuration = configuration
        sessionCookie = configuration.cookieName("pingyi_console")
        trustedProxies = configuration.trustedProxyRanges
        originCheck = OriginCheck(publicURL: configuration.publicURL)
    }
    /// The office's side (营商办, 组织部, 人事): a page's default. A 部门联络员 reaches only what
    /// names it (`department` pages, and `anyone`'s: the password).
    static let everyone: Set<APIRole> = [.admin, .orgdept, .hr]
    /// Every signed-in account, a department's too.
    static let anyone = Set(APIRole.allCases)

    /// The member of the request's session (put into the context by `ConsoleSessionMiddleware`),
    /// admitted to a page for `roles`: no session → the sign-in page; a password still to change
    /// → the password page (`ConsoleDetour`); a role not in `roles` → 403. What a handler throws
    /// after this — a `ConsoleRefusal`, the console's one way of refusing, or a domain error
    /// (`HTTPProblem`) — the middleware shows as the member's message page.
    func admit(_ request: Request, _ context: PingyiRequestContext, roles: Set<APIRole> = everyone) throws -> ConsoleVisit {
        guard let visit = context.consoleVisit else { throw ConsoleDetour.redirect("/console/login") }
        if visit.member.mustChangePassword, request.uri.path != "/console/password" {
            throw ConsoleDetour.redirect("/console/password")
        }
        guard roles.contains(visit.member.role) else {
            throw ConsoleRefusal(heading: "无权访问", text: "您的账号没有查看此页面的权限。", status: .forbidden)
        }
        return visit
    }

    /// Like `admit`, for a form post, with its fields: the body is read (`maxBodySize` at most),
    /// and a post from another origin (403), a body that is not a form (400), lacks this
    /// session's anti-forgery token (403) or holds a NUL character (400: PostgreSQL's text cannot
    /// hold one) changes nothing.
    func form(
        _ request: Request, _ context: PingyiRequestContext, roles: Set<APIRole> = everyone
    ) async throws -> (visit: ConsoleVisit, fields: [String: String]) {
        var request = request
        guard originCheck.allows(request) else {
            throw ConsoleDetour.message(MessagePage(heading: "页面已过期", message: "表单并非来自本控制台，未作任何更改。"), .forbidden)
        }
        let body = try await FormBody.collect(&request, limit: ServerConfiguration.maxBodySize, timeout: configuration.bodyTimeout)
        let visit = try admit(request, context, roles: roles)
        guard let fields = FormBody.decode(body) else {
            throw ConsoleRefusal(heading: "无法识别提交的内容", text: "提交的表单格式不正确，未作任何更改。", status: .badRequest)
        }
        guard antiForgery.verify(fields["csrf"], for: visit.sessionHash) else {
            throw ConsoleRefusal(heading: "页面已过期", text: "表单已过期或并非来自本控制台，未作任何更改。请返回后刷新页面再试。", status: .forbidden)
        }
        guard !FormBody.containsNUL(fields) else { throw ControlCharacterError() }
        return (visit, fields)
    }

    /// Like `form`, for a file upload (`multipart/form-data`, at most `limit` bytes and `maxParts`
    /// parts): the fields decoded into `Upload`, whose `csrf` must be this session's. `before`
    /// runs before a byte of the body is read (whether this member may post here at all), so a
    /// refused member never makes the server read or parse an upload; a body of more parts than
    /// the form has is refused before it is parsed (parsing time grows with the parts).
    func upload<Upload: Decodable & Sendable>(
        _ request: Request, _ context: PingyiRequestContext, as type: Upload.Type, roles: Set<APIRole>, limit: Int,
        csrf: KeyPath<Upload, String>, maxParts: Int = 16, before: (ConsoleVisit) async throws -> Void = { _ in }
    ) async throws -> (visit: ConsoleVisit, upload: Upload) {
        var request = request
        guard originCheck.allows(request) else {
            throw ConsoleDetour.message(MessagePage(heading: "页面已过期", message: "表单并非来自本控制台，未作任何更改。"), .forbidden)
        }
        let boundary = request.headers[.contentType].flatMap { type -> String? in
            guard type.lowercased().hasPrefix("multipart/form-data") else { return nil }
            return type.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.lowercased().hasPrefix("boundary=") }
                .map { String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        // MultipartKit stops the process on an empty boundary (a precondition): refused here, as
        // one longer than RFC 2046's 70 characters.
        guard let boundary, (1...70).contains(boundary.utf8.count) else {
            throw ConsoleDetour.message(MessagePage(heading: "无法识别提交的内容", message: "请选择文件后再提交，未作任何更改。"), .badRequest)
        }
        // The session first: nobody signed out makes the server read an upload.
        let visit = try admit(request, context, roles: roles)
        try await before(visit)
        let body = try await FormBody.collect(&request, limit: limit, timeout: configuration.bodyTimeout)
        guard FormBody.parts(in: body, boundary: boundary) <= maxParts else {
            throw ConsoleRefusal(heading: "无法识别提交的内容", text: "提交的内容不是本页的表单，未作任何更改。", status: .badRequest)
        }
        guard let upload = try? FormDataDecoder().decode(Upload.self, from: body, boundary: boundary) else {
            throw ConsoleRefusal(heading: "无法识别提交的内容", text: "请选择文件后再提交，未作任何更改。", status: .badRequest)
        }
        guard antiForgery.verify(upload[keyPath: csrf], for: visit.sessionHash) else {
            throw ConsoleRefusal(heading: "页面已过期", text: "表单已过期或并非来自本控制台，未作任何更改。请返回后刷新页面再试。", status: .forbidden)
        }
        return (visit, upload)
    }

    /// A console page with a heading and a message (for news that is not an error; errors are
    /// thrown as `ConsoleRefusal`).
    /// A message page; a 2xx reads as done (a tick) unless `tone` says otherwise.
    func message(
        _ visit: ConsoleVisit, heading: String, text: String, status: HTTPResponse.Status, back: String? = nil, tone: ConsoleMessagePage.Tone? = nil
    ) -> Response {
        let tone = tone ?? (status.code < 300 ? .success : .refusal)
        return views.page(ConsoleMessagePage(member: visit.header, heading: heading, message: text, back: back, tone: tone), status: status)
    }

    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    static func redirect(_ location: String) -> Response { Response(status: .seeOther, headers: [.location: location]) }

    /// Where a member lands after signing in.
    static func home(_ member: StaffMember) -> String {
        switch member.role {
        case .admin: "/console"
        case .orgdept: "/console/ranking"
        case .hr: "/console/personnel"
        case .department: "/console/department"
        }
    }
}
