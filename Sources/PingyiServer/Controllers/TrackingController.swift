import Hummingbird
import PingyiStore
import PingyiTally

/// The joint count's public pages: 「核对追踪码」 (`GET`/`POST /track`) and each counted
/// campaign's record (`GET /records/{id}`, docs/RECORD.md). The code is posted, never put in a
/// URL, so no log line or browser history holds it.
struct TrackingController {
    let store: JointTallyStore
    let views: Views
    let formPosts: FormPostMiddleware

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/track", use: form)
        router.group().add(middleware: formPosts).post("/track", use: track)
        router.get("/records/:id", use: record)
    }

    /// `GET /track`.
    @Sendable func form(_ request: Request, context: PingyiRequestContext) -> Response {
        views.page(TrackingPage(typed: "", result: nil))
    }

    /// `POST /track` — the code's answer, on the same page.
    @Sendable func track(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        let body = try await FormBody.collect(&request, limit: 1024, timeout: .seconds(10))
        guard let fields = FormBody.decode(body) else { return views.message(.badForm, status: .badRequest) }
        let typed = String((fields["code"] ?? "").prefix(40))
        guard let code = TrackingCode.normalized(typed) else {
            let result = TrackingPage.Result(
                found: false, heading: "追踪码格式不对", message: "追踪码是 16 个字母或数字，分四组，如 ABCD-EFGH-IJKL-MNOP。请核对后重新输入。", recordHref: nil)
            return views.page(TrackingPage(typed: typed, result: result), status: .unprocessableContent)
        }
        let result: TrackingPage.Result =
            switch try await store.track(code) {
            case .notFound:
                TrackingPage.Result(
                    found: false, heading: "没有找到这个追踪码",
                    message: "没有找到追踪码 \(code)。请核对是否抄错；如确认无误，请联系营商办或纪委监委。", recordHref: nil)
            case .received(let campaign):
                TrackingPage.Result(
                    found: true, heading: "答卷已收到",
                    message: "追踪码 \(code) 对应\(campaign)的一份答卷，已加密保存。活动结束、计票完成后，它会出现在公开的计票记录中。", recordHref: nil)
            case .inRecord(let campaign, let id):
                TrackingPage.Result(
                    found: true, heading: "答卷已计入公开记录", message: "追踪码 \(code) 对应的答卷在\(campaign)的公开计票记录中，已计入合计。",
                    recordHref: "/records/\(id)")
            }
        var response = views.page(TrackingPage(typed: code, result: result))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `GET /records/{id}` — the record as stored, once the campaign is counted.
    @Sendable func record(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self), let record = try await store.record(campaignID: id) else {
            return views.message(.noRecord, status: .notFound)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .contentDisposition: "attachment; filename=\"pingyi-record-\(id).json\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: record)))
    }
}
