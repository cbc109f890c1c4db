import Foundation
import PingyiCore

/// A page with a heading and a message: thanks, errors, closed campaigns.
struct MessagePage: Page {
    /// `Templates/message.mustache`.
    static let template = "message"

    /// The browser tab's title.
    let title: String
    /// The heading.
    let heading: String
    /// The message.
    let message: String
    /// Whether it is good news (styled green) rather than a problem.
    let success: Bool
    /// A way on, when the page has one (the console's pages: back to the console).
    let link: Link?
    /// Whether the page gives the county's 咨询电话 (the pages that tell a respondent to ask the office).
    let contact: Bool
    /// The ballot's tracking code (the joint count's thanks page), and the full address of
    /// 「核对追踪码」 (a screenshot of the page keeps it).
    var trackingCode: String? = nil
    var trackURL: String? = nil

    /// A link on a message page.
    struct Link: Sendable {
        let href: String
        let label: String
    }

    init(title: String? = nil, heading: String, message: String, success: Bool = false, link: Link? = nil, contact: Bool = false) {
        self.contact = contact
        self.title = title ?? heading
        self.heading = heading
        self.message = message
        self.success = success
        self.link = link
    }

    /// The thanks page of a ballot of the joint count: its tracking code and what it is for.
    static func thanks(trackingCode: String, trackURL: String) -> MessagePage {
        var page = MessagePage(
            heading: "提交成功，感谢参与",
            message: "您的评议已加密保存。计票时要由几个单位共同操作才能算出汇总结果，任何一家单位（包括营商办）都看不到您的答卷。", success: true)
        page.trackingCode = trackingCode
        page.trackURL = trackURL
        return page
    }

    /// `/records/{id}` of a campaign without a record.
    static let noRecord = MessagePage(heading: "没有这份计票记录", message: "这次活动不是多方联合计票，或尚未完成计票。")

    static let invalidLink = MessagePage(heading: "链接无效", message: "这个评议链接无效或已作废。请核对链接是否完整，或联系营商办重新获取。", contact: true)
    static let alreadySubmitted = MessagePage(heading: "已提交，感谢参与", message: "这个链接的评议已经提交，每个链接只能提交一次。感谢您对优化营商环境工作的支持！", success: true)
    /// A typed code whose ballot is in (the code entry's own words: 邀请码, not 链接).
    static let codeAlreadySubmitted = MessagePage(
        heading: "该邀请码已提交", message: "这个邀请码的评议已经提交，每个邀请码只能提交一次。感谢您对优化营商环境工作的支持！", success: true)
    static let thanks = MessagePage(heading: "提交成功，感谢参与", message: "您的评议已匿名记录。感谢您对优化营商环境工作的支持！", success: true)
    static let notYetOpen = MessagePage(heading: "评议尚未开始", message: "本次评议还没有开始，请在评议开始后再打开链接。")
    /// Not yet open, naming the planned opening time when there is one.
    static func notYetOpen(opensAt: Date?) -> MessagePage {
        guard let opensAt else { return notYetOpen }
        return MessagePage(heading: "评议尚未开始", message: "本次评议将于 \(CountyCalendar.moment(opensAt)) 开始，请届时再打开链接。")
    }
    static let closed = MessagePage(heading: "评议已结束", message: "本次评议已经结束，不再接受提交。感谢您的关注！")
    static let tooManyAttempts = MessagePage(heading: "尝试次数过多", message: "来自您网络的无效链接过多，请稍后再试。如有疑问请联系营商办。", contact: true)
    static let expiredForm = MessagePage(heading: "页面已过期", message: "为保护您的评议，请重新打开邀请链接后再提交。")
    /// An address under /console that is no page (a typed or stale address, or a form's address
    /// opened again after it was sent).
    static let consoleNotFound = MessagePage(
        heading: "页面不存在", message: "控制台里没有这个地址。如果刚才提交过表单，提交的结果已经保存；请回到控制台继续。",
        link: Link(href: "/console", label: "返回控制台"))
    static let badForm = MessagePage(heading: "无法识别提交的内容", message: "提交的表单格式不正确，未作任何记录。请重新打开邀请链接填写。")
}
